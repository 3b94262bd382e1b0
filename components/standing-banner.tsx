import { getTranslations } from 'next-intl/server';
import { currentMember } from '@/lib/auth/current-member.ts';
import { isSuspended } from '@/lib/policy.ts';
import { chinaWallClock } from '@/lib/time.ts';
import type { Locale } from '@/i18n/locales.ts';

/** A suspended member is told, on every page, until when and why: nothing just vanishes. */
export async function StandingBanner({ locale }: { locale: Locale }) {
  const member = await currentMember();
  if (!member || !isSuspended(member)) return null;
  const t = await getTranslations({ locale, namespace: 'standing' });
  return (
    <p className="notice standing" role="status">
      {member.suspendedUntil ? t('suspendedUntil', { until: chinaWallClock(member.suspendedUntil) }) : t('suspended')}
      {member.statusReason ? ` ${t('reason', { reason: member.statusReason })}` : ''}
    </p>
  );
}
