import { getTranslations } from 'next-intl/server';
import { Pager, parseTrail } from '@/components/pager.tsx';
import { ChinaTime, renderTime } from '@/components/china-time.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { notFound } from 'next/navigation';
import { listLog } from '@/lib/moderation/list-log.ts';
import { can } from '@/lib/policy.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';

export default async function LogPage({ searchParams }: PageProps<'/mod/log'>) {
  const t = await getTranslations('mod');
  // Times read as how long ago, as of this render (the exact time in each tooltip).
  const now = await renderTime();
  const sp = await searchParams;
  const str = (k: string) => (typeof sp[k] === 'string' && sp[k] ? (sp[k] as string) : null);
  const filters = { moderator: str('moderator'), member: str('member'), article: str('article') };
  const member = await currentMember();
  // The layout answers 404 too, but pages render alongside it: check here as well.
  if (!can(member, 'mod:log')) notFound();
  const page = await loadOrFirstPage(str('cursor'), (cursor) => listLog(db(), member, { ...filters, cursor }));
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
  return (
    <>
      <h1>{t('logTitle')}</h1>
      <form method="get" className="log-filter" aria-label={t('filter')}>
        <label>
          {t('logModerator')} <input name="moderator" defaultValue={filters.moderator ?? ''} />
        </label>
        <label>
          {t('logMember')} <input name="member" defaultValue={filters.member ?? ''} />
        </label>
        <label>
          {t('logArticle')} <input name="article" defaultValue={filters.article ?? ''} />
        </label>
        <button type="submit">{t('filter')}</button>
      </form>
      {page.entries.length === 0 ? (
        <p>{t('logEmpty')}</p>
      ) : (
        <table className="log" role="table">
          <thead>
            <tr role="row">
              <th role="columnheader">{t('logCols.when')}</th>
              <th role="columnheader">{t('logCols.moderator')}</th>
              <th role="columnheader">{t('logCols.action')}</th>
              <th role="columnheader">{t('logCols.target')}</th>
              <th role="columnheader">{t('logCols.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((e) => (
              <tr key={e.id} role="row">
                <td role="cell" className="log-when" data-label={t('logCols.when')}>
                  <ChinaTime date={e.createdAt} now={now} />
                </td>
                <td role="cell" data-label={t('logCols.moderator')}>{e.moderator ?? t('systemActor')}</td>
                <td role="cell" data-label={t('logCols.action')}>
                  {/* In words, the code kept beside it for those who search the log by it. */}
                  {t.has(`logActions.${e.action}` as 'logActions') ? t(`logActions.${e.action}` as 'logActions') : e.action}{' '}
                  <code className="action-code">{e.action}</code>
                </td>
                <td role="cell" data-label={t('logCols.target')}>
                  <LogTarget entry={e} />
                </td>
                <td role="cell" data-label={t('logCols.reason')}>
                  {e.reason}
                  <LogText details={e.details} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager base={`/mod/log?${query}`} cursor={page.firstPage ? null : str('cursor')} nextCursor={page.nextCursor} trail={parseTrail(sp.trail)} />
    </>
  );
}

/** What was acted on, as links: the comment (with its words, for a moderator's decision), the member, the thread. */
async function LogTarget({ entry: e }: { entry: Awaited<ReturnType<typeof listLog>>['entries'][number] }) {
  const t = await getTranslations('mod');
  const excerpt = (s: string) => (s.length > 140 ? `${s.slice(0, 139)}…` : s);
  // An author's own edit or deletion keeps its text in the details; a decision shows the comment's words.
  const own = e.action === 'comment:edit' || e.action === 'comment:delete';
  if (e.comment)
    return (
      <>
        <a href={`/articles/${e.comment.slug}/comments/${e.comment.id}#c${e.comment.id}`}>{t('logTargetComment', { id: e.comment.id })}</a>{' '}
        <a href={`/mod/members?username=${encodeURIComponent(e.comment.author)}`}>@{e.comment.author}</a>
        {!own && e.comment.body ? <blockquote className="log-quote">{excerpt(e.comment.body)}</blockquote> : null}
      </>
    );
  if (e.memberName) return <a href={`/mod/members?username=${encodeURIComponent(e.memberName)}`}>@{e.memberName}</a>;
  if (e.articleSlug) return <a href={`/articles/${e.articleSlug}`}>{t('logTargetArticle', { slug: e.articleSlug })}</a>;
  return <>{e.target}</>;
}

/** The text an entry keeps: an edit's earlier and later versions, a deleted comment's words. */
function LogText({ details }: { details: unknown }) {
  const d = (details ?? {}) as { before?: unknown; after?: unknown; body?: unknown };
  if (typeof d.before === 'string' && typeof d.after === 'string')
    return (
      <div className="log-text">
        <del>{d.before}</del>
        <ins>{d.after}</ins>
      </div>
    );
  if (typeof d.body === 'string')
    return (
      <div className="log-text">
        <del>{d.body}</del>
      </div>
    );
  return null;
}
