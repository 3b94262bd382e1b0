import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { ThreadPage, threadMetadata } from '@/components/views/thread-page.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { memberParts } from '@/components/member-parts.tsx';
import { refusalNotice } from '@/lib/moderation/refusal-notice.ts';
import { POSTED_COOKIE } from '@/lib/posted-cookie.ts';
import { parseThreadQuery } from '@/lib/threads/fetch-thread-page.ts';
import { isLocale } from '@/i18n/locales.ts';
import { isSiteId } from '@/lib/embed/sites.ts';

// A member's embedded thread, rendered per request (anonymous readers get app/framed/…).
export async function generateMetadata({ params }: PageProps<'/embed/[site]/[lang]/[slug]'>): Promise<Metadata> {
  await connection();
  return threadMetadata((await params).slug);
}

export default async function EmbeddedThreadPage({ params, searchParams }: PageProps<'/embed/[site]/[lang]/[slug]'>) {
  await connection();
  const { site, lang, slug } = await params;
  if (!isSiteId(site) || !isLocale(lang)) notFound();
  setRequestLocale(lang);
  const sp = await searchParams;
  const { sort, cursor } = parseThreadQuery(sp);
  const posted = Number((await cookies()).get(POSTED_COOKIE)?.value) || null;
  return (
    <ThreadPage
      slug={slug}
      sort={sort}
      cursor={cursor}
      member={await currentMember()}
      parts={memberParts}
      notice={await refusalNotice(sp)}
      postedId={posted}
      own={sp.own !== undefined}
      embed={{ site, lang }}
    />
  );
}
