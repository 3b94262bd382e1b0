import { notFound } from 'next/navigation';
import { QueueCount, QueueLive } from '@/components/queue-live.tsx';
import { Pager, parseTrail } from '@/components/pager.tsx';
import { getTranslations } from 'next-intl/server';
import { queueAction } from '@/app/actions/mod.ts';
import { ChinaTime, renderTime } from '@/components/china-time.tsx';
import { CommentBody } from '@/components/comment-body.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { errorMessage } from '@/lib/i18n/translate.ts';
import { harmOf } from '@/lib/moderation/moderate-comment.ts';
import { SelectAll } from '@/components/select-all.tsx';
import { listQueue, QUEUE_TABS, queueCounts, surgingThreads, type QueueTab } from '@/lib/moderation/queue.ts';
import { can } from '@/lib/policy.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { chinaWallClock } from '@/lib/time.ts';
import type { Locale } from '@/i18n/locales.ts';
import { getLocale } from 'next-intl/server';

type Action = 'dismiss' | 'publish' | 'hide' | 'remove' | 'restore';

/** The bulk buttons of each tab. */
const ACTIONS: Record<QueueTab, Action[]> = {
  reported: ['dismiss', 'hide', 'remove'],
  held: ['publish', 'remove'],
  hidden: ['restore', 'remove'],
  removed: ['restore'],
  member: ['hide', 'remove', 'restore'],
};

/** One item's buttons: what can be decided on it in the state it is in now. */
function itemActions(status: string, openReports: number): Action[] {
  const dismiss: Action[] = openReports > 0 ? ['dismiss'] : [];
  switch (status) {
    case 'visible':
      return [...dismiss, 'hide', 'remove'];
    case 'held':
      return [...dismiss, 'publish', 'remove'];
    case 'hidden':
      return ['restore', 'remove'];
    default:
      return ['restore'];
  }
}

export default async function QueuePage({ searchParams }: PageProps<'/mod'>) {
  const member = await currentMember();
  if (!can(member, 'mod:queue')) notFound();
  const sp = await searchParams;
  const tab: QueueTab = QUEUE_TABS.includes(sp.tab as QueueTab) ? (sp.tab as QueueTab) : 'reported';
  const prisma = db();
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : null;
  const username = typeof sp.username === 'string' ? sp.username.trim() : '';
  // One thread's queue, from /mod/threads.
  const article = typeof sp.article === 'string' && sp.article ? sp.article : undefined;
  const page = await loadOrFirstPage(cursor, (c) => listQueue(prisma, member, tab, c, { username, article }));
  const scope = (k: QueueTab) => (k === 'member' ? (username ? `&username=${encodeURIComponent(username)}` : '') : article ? `&article=${encodeURIComponent(article)}` : '');
  const here = `/mod?tab=${tab}${scope(tab)}`;
  const [surges, counts] = await Promise.all([surgingThreads(prisma), queueCounts(prisma, article)]);
  const t = await getTranslations('mod');
  // Times read as how long ago, as of this render (the exact time in each tooltip).
  const now = await renderTime();
  const tr = await getTranslations('report');
  const locale = (await getLocale()) as Locale;
  return (
    <>
      <h1>{t('title')}</h1>
      {surges.map((s) => (
        <p className="notice" key={s.slug}>
          {t('surge', { title: s.title, until: chinaWallClock(s.premodUntil!) })}
        </p>
      ))}
      {typeof sp.done === 'string' || typeof sp.error === 'string' ? (
        <p className="notice" role="status">
          {[
            typeof sp.done === 'string' && Number(sp.done) > 0 ? t('done', { count: Number(sp.done) }) : null,
            typeof sp.error === 'string' ? errorMessage(locale, sp.error, { status: typeof sp.status === 'string' ? sp.status : 'other' }) : null,
          ]
            .filter(Boolean)
            .join(' ')}
        </p>
      ) : null}
      <nav className="tabs" aria-label={t('title')}>
        {QUEUE_TABS.map((k) => (
          <a key={k} href={`/mod?tab=${k}${scope(k)}`} aria-current={k === tab ? 'page' : undefined}>
            {t(`tabs.${k}`)}
            {k === 'member' ? null : (
              <>
                {' ('}
                <QueueCount kind={k} initial={counts[k]} />
                {')'}
              </>
            )}
          </a>
        ))}
      </nav>
      <QueueLive tab={tab} article={article || null} news={t('liveNews')} />
      {article && tab !== 'member' ? (
        <p className="notice">
          {t('queueForThread', { slug: article })} <a href={`/mod?tab=${tab}`}>{t('wholeQueue')}</a>
        </p>
      ) : null}
      {tab === 'member' ? (
        <form method="get" action="/mod" className="list-filter" role="search" aria-label={t('tabs.member')}>
          <input type="hidden" name="tab" value="member" />
          <label>
            {t('username')} <input name="username" defaultValue={username} required maxLength={64} />
          </label>
          <button type="submit">{t('show')}</button>
          {username && !page.memberFound ? <span className="form-error" role="alert">{t('noSuchMember', { username })}</span> : null}
        </form>
      ) : null}
      {page.items.length === 0 ? (
        tab === 'member' && !username ? null : <p>{t('empty')}</p>
      ) : (
        <form action={queueAction} className="queue" aria-label={t(`tabs.${tab}`)}>
          <input type="hidden" name="tab" value={tab} />
          {tab === 'member' ? <input type="hidden" name="username" value={username} /> : null}
          {article && tab !== 'member' ? <input type="hidden" name="article" value={article} /> : null}
          <SelectAll label={t('selectAll')} />
          <ol className="queue-list">
            {page.items.map((item) => (
              <li key={item.comment.id} className="queue-item" data-comment-id={item.comment.id}>
                <label className="select">
                  <input type="checkbox" name="ids" value={item.comment.id} aria-label={`${t('select')} ${item.comment.id}`} /> #{item.comment.id}
                </label>
                <input type="hidden" name={`seen:${item.comment.id}`} value={item.comment.status} />
                <div>
                  <p className="meta">
                    <span>{t('article')} <a href={`/articles/${item.article.slug}/comments/${item.comment.id}#c${item.comment.id}`}>{item.article.title}</a></span>
                    <span>
                      {t('author', { name: item.author.displayName })} (@{item.author.username}) ·{' '}
                      {item.author.imported ? t('imported') : t('joined', { date: chinaWallClock(item.author.joinedAt).slice(0, 10) })} ·{' '}
                      {t('removedCount', { count: item.author.removedCount })}
                      {item.author.status === 'banned' ? <strong className="badge">{t('authorBanned')}</strong> : null}
                      {item.author.status === 'suspended' ? (
                        <strong className="badge">
                          {item.author.suspendedUntil ? t('authorSuspendedUntil', { until: chinaWallClock(item.author.suspendedUntil) }) : t('authorSuspended')}
                        </strong>
                      ) : null}
                    </span>
                    <ChinaTime date={item.comment.createdAt} now={now} />
                  </p>
                  {item.parent ? (
                    <blockquote className="parent">
                      {t('inReplyTo')} <strong>{item.parent.displayName}</strong>: {item.parent.body.slice(0, 200)}
                    </blockquote>
                  ) : null}
                  {item.comment.status === 'held' && item.comment.statusReason ? (
                    <p className="notice held-for">
                      {item.comment.statusReason === 'premod'
                        ? t('heldForPremod')
                        : t('heldForWord', { word: item.comment.statusReason.replace(/^word:=?/, '') })}
                    </p>
                  ) : null}
                  {tab === 'member' ? (
                    <p className="meta">
                      {t('state')} <strong data-state={item.comment.status}>{t(`states.${item.comment.status}` as 'states.visible')}</strong>
                    </p>
                  ) : null}
                  {item.decision && (item.comment.status === 'hidden' || item.comment.status === 'removed') ? (
                    <p className="notice decision">
                      {t('decidedBy', {
                        moderator: item.decision.moderator,
                        action: t.has(`logActions.${item.decision.action}` as 'logActions') ? t(`logActions.${item.decision.action}` as 'logActions') : item.decision.action,
                        at: chinaWallClock(item.decision.at),
                      })}
                      {item.decision.reason ? ` ${t('decidedWhy', { reason: item.decision.reason })}` : ''}
                    </p>
                  ) : null}
                  <CommentBody
                    text={item.comment.body}
                    mark={item.heldMatch}
                  />
                  {item.earlierVersions.length ? (
                    <details className="earlier-versions">
                      <summary>{t('earlierVersions', { count: item.earlierVersions.length })}</summary>
                      <ol>
                        {item.earlierVersions.map((v, i) => (
                          <li key={i}>
                            <ChinaTime date={v.at} now={now} /> <del>{v.body}</del>
                          </li>
                        ))}
                      </ol>
                    </details>
                  ) : null}
                  {item.reports.length ? (
                    <ul className="reports" aria-label={t('reports', { count: item.openReports || item.reports.length })}>
                      <li>
                        <strong>{item.openReports ? t('reports', { count: item.openReports }) : t('closedReports', { count: item.reports.length })}</strong>
                      </li>
                      {item.reports.map((r, i) => (
                        <li key={i}>
                          {tr(`reasons.${r.reason}` as 'reasons.spam')}
                          {r.note ? `: ${r.note}` : ''} ·{' '}
                          {t('reportedBy', { name: r.reporter.displayName, username: r.reporter.username, upheld: r.reporter.upheld, dismissed: r.reporter.dismissed })} ·{' '}
                          <ChinaTime date={r.createdAt} now={now} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {/* The decision on this comment, after the comment and what was said about it: the
                      safe action apart from the ones that take words away, and its own reason. */}
                  <fieldset className="item-actions">
                    <legend className="visually-hidden">{t('decideOn', { id: item.comment.id })}</legend>
                    <label>
                      {t('reasonLabel')} <input name={`reason:${item.comment.id}`} maxLength={500} />
                    </label>
                    {(['harmless', 'harmful'] as const).map((kind) => {
                      const group = itemActions(item.comment.status, item.openReports).filter((a) => (harmOf(a) === 'harmless') === (kind === 'harmless'));
                      return group.length ? (
                        <span key={kind} className={`decisions ${kind}`}>
                          {group.map((a) => (
                            <button key={a} type="submit" name="one" value={`${item.comment.id}:${a}`} data-harm={harmOf(a)}>
                              {t(`actions.${a}`)}
                            </button>
                          ))}
                        </span>
                      ) : null;
                    })}
                  </fieldset>
                </div>
              </li>
            ))}
          </ol>
          <fieldset className="queue-actions">
            <legend>{t('bulkLegend')}</legend>
            <label>
              {t('reasonLabel')} <input name="reason" maxLength={500} />
            </label>
            {ACTIONS[tab].map((a) => (
              <button key={a} type="submit" name="action" value={a} data-harm={harmOf(a)}>
                {t(`actions.${a}`)}
              </button>
            ))}
          </fieldset>
        </form>
      )}
      <Pager base={here} cursor={page.firstPage ? null : cursor} nextCursor={page.nextCursor} trail={parseTrail(sp.trail)} />
    </>
  );
}
