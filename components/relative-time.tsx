'use client';

import { useTranslations } from 'next-intl';
import { relativeChinaTime, relativeWords } from '@/lib/time.ts';
import { useHydrated } from './use-hydrated.ts';

/**
 * A time on the members' shared page (rendered once for every member): the exact China time
 * as stored, then, once React runs in the browser, how long ago, the exact time in its tooltip.
 */
export function RelativeTime({ at, exact }: { at: string; exact: string }) {
  const t = useTranslations('time');
  const hydrated = useHydrated();
  if (!hydrated) return <time dateTime={at}>{exact}</time>;
  return (
    <time dateTime={at} title={t('exact', { time: exact })}>
      {relativeWords(relativeChinaTime(new Date(at), new Date()), t)}
    </time>
  );
}
