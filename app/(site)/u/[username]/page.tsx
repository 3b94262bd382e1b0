import type { Metadata } from 'next';
import { Pager, parseTrail } from '@/components/pager.tsx';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ChinaTime, renderTime } from '@/components/china-time.tsx';
import { CommentBody } from '@/components/comment-body.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { asRefusal } from '@/lib/errors.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { getProfile } from '@/lib/users/profile.ts';
import { pathParam } from '@/lib/path-param.ts';

async function load(username: string, cursor: string | null) {
  const member = await currentMember();
  try {
    return await loadOrFirstPage(cursor, (c) => getProfile(db(), member, username, c));
  } catch (thrown) {
    if (asRefusal(thrown)?.status === 404) notFound();
    throw thrown;
  }
}

export async function generateMetadata({ params }: PageProps<'/u/[username]'>): Promise<Metadata> {
  const { username } = await params;
  const page = await load(pathParam(username), null);
  return { title: page.profile.displayName, robots: page.comments.length ? undefined : { index: false } };
}

/** /u/{username}: a member's name, standing and comments, newest first. */
export default async function ProfilePage({ params, searchParams }: PageProps<'/u/[username]'>) {
  const { username } = await params;
  const { cursor, trail } = await searchParams;
  const { profile, comments, nextCursor, own, firstPage } = await load(pathParam(username), typeof cursor === 'string' ? cursor : null);
  const t = await getTranslations('profile');
  // Times read as how long ago, as of this render (the exact time in each tooltip).
  const now = await renderTime();
  const ta = await getTranslations('article');
  return (
    <>
      <header className="profile">
        <h1>
          {profile.displayName} {profile.staff ? <span className="badge">{ta('staff')}</span> : null}
        </h1>
        <p className="meta">
          <span>@{profile.username}</span>
          {profile.importedFrom ? (
            <span>{t('imported', { site: profile.importedFrom })}</span>
          ) : (
            <span>
              {t('joined')} <ChinaTime date={profile.joinedAt} />
            </span>
          )}
        </p>
        <dl className="profile-stats">
          <div>
            <dt>{t('comments')}</dt>
            <dd data-stat="comments">{profile.commentCount}</dd>
          </div>
          <div>
            <dt>{t('likesReceived')}</dt>
            <dd data-stat="likes">{profile.likesReceived}</dd>
          </div>
        </dl>
        {own ? (
          <p>
            <a href="/settings">{t('settings')}</a>
          </p>
        ) : null}
      </header>
      <section aria-labelledby="profile-comments">
        <h2 id="profile-comments">{firstPage ? t('recent') : t('earlier')}</h2>
        {comments.length === 0 ? <p>{t('none')}</p> : null}
        <ol className="profile-comments">
          {comments.map((c) => (
            <li key={c.id} className="comment" data-comment-id={c.id}>
              <p className="comment-meta">
                <a href={`/articles/${c.article.slug}`}>{c.article.title}</a> ·{' '}
                <a className="when" href={`/articles/${c.article.slug}/comments/${c.id}#c${c.id}`}>
                  <ChinaTime date={c.createdAt} now={now} />
                </a>
                {c.editedAt ? <span className="edited"> · {ta('edited')}</span> : null}
                {' · '}
                <span className="likes">{ta('likes', { count: c.likeCount })}</span>
              </p>
              {c.status !== 'visible' ? <p className="notice own-status">{ta(`staffState.${c.status}`)}</p> : null}
              <CommentBody text={c.body} mentions={c.mentions} />
            </li>
          ))}
        </ol>
        <Pager base={`/u/${encodeURIComponent(profile.username)}`} cursor={firstPage ? null : (cursor as string)} nextCursor={nextCursor} trail={parseTrail(trail)} />
      </section>
    </>
  );
}
