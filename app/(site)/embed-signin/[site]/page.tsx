import { connection } from 'next/server';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { issueGrant } from '@/lib/embed/frame-session.ts';
import { siteById } from '@/lib/embed/sites.ts';
import { EmbedGrant } from '@/components/embed-grant.tsx';

export const metadata = { robots: { index: false } };

/**
 * The first-party window a frame under a publisher's page opens to sign in (issue 22): the
 * reader signs in (or is already) as on the forum itself, and this page hands the frame that
 * opened it a one-time code (components/embed-grant.tsx posts it to the opener, at this site's
 * origin only), which the frame exchanges for a session of its own (lib/embed/frame-session.ts).
 */
export default async function EmbedSignInPage({ params }: PageProps<'/embed-signin/[site]'>) {
  await connection();
  const { site: id } = await params;
  const site = await siteById(db(), id);
  if (!site) notFound();
  const member = await currentMember();
  if (!member) redirect(`/signin?callbackUrl=${encodeURIComponent(`/embed-signin/${site.id}`)}`);
  const t = await getTranslations('embed');
  const code = await issueGrant(db(), member.id);
  return (
    <section className="auth-page">
      <h1>{t('signinTitle')}</h1>
      <p role="status">
        {t('signedIn', { name: member.displayName })}
      </p>
      <p>{t('closeHint')}</p>
      <EmbedGrant code={code} />
    </section>
  );
}
