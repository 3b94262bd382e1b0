import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { currentMember } from '@/lib/auth/current-member.ts';
import { can } from '@/lib/policy.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('mod'))('title'), robots: { index: false } };
}

/** Staff only: for anyone else /mod does not exist. Each page and action checks again. */
export default async function ModLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const member = await currentMember();
  if (!can(member, 'mod:queue')) notFound();
  const t = await getTranslations('mod');
  return (
    <div className="mod">
      <nav className="mod-nav" aria-label={t('nav')}>
        <a href="/mod">{t('title')}</a>
        <a href="/mod/members">{t('members')}</a>
        <a href="/mod/threads">{t('threads')}</a>
        <a href="/mod/log">{t('log')}</a>
        <a href="/mod/search">{t('navSearch')}</a>
        <a href="/mod/dashboard">{t('navDashboard')}</a>
        {can(member, 'mod:publish') ? <a href="/mod/articles/new">{t('navPublish')}</a> : null}
        {can(member, 'admin:words') ? <a href="/mod/words">{t('words')}</a> : null}
        {can(member, 'admin:settings') ? <a href="/mod/sites">{t('sites')}</a> : null}
      </nav>
      {children}
    </div>
  );
}
