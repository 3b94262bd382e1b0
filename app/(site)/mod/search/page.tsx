import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { searchModerationAction } from '@/app/actions/search.ts';
import { ChinaTime } from '@/components/china-time.tsx';
import { Highlighted } from '@/components/highlighted.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { settle } from '@/lib/errors.ts';
import { errorMessage } from '@/lib/i18n/translate.ts';
import { can } from '@/lib/policy.ts';
import { RECENT_COMMENTS, searchForStaff, STATES } from '@/lib/search/search.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import type { Locale } from '@/i18n/locales.ts';

/**
 * Every comment whatever its state, for staff (issue 23): found with the readers' search, by
 * state, member, thread and date; selected results hidden or removed together, or the member
 * opened. A GET form and a plain POST form: it works without JavaScript.
 */
export default async function StaffSearchPage({ searchParams }: PageProps<'/mod/search'>) {
  const member = await currentMember();
  if (!can(member, 'mod:queue')) notFound();
  const t = await getTranslations('search');
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : '');
  const states = ([] as string[]).concat(sp.state ?? []).filter((s) => (STATES as readonly string[]).includes(s));
  const filters = { states, member: one('member'), thread: one('thread'), from: one('from'), to: one('to'), lookAlikes: one('lookalikes') === '1' };
  const q = one('q');
  const locale = (await getLocale()) as Locale;
  // A filter the search refuses (a date it cannot read) is said above the form, which keeps it.
  const [page, refused] = await settle(loadOrFirstPage(one('cursor') || null, (c) => searchForStaff(db(), member, { q, cursor: c, filters })));
  const refusal = refused ? errorMessage(locale, refused.code) : null;
  const query = new URLSearchParams({ q });
  for (const s of states) query.append('state', s);
  for (const k of ['member', 'thread', 'from', 'to'] as const) if (filters[k]) query.set(k, filters[k]);
  if (filters.lookAlikes) query.set('lookalikes', '1');
  const returnTo = `/mod/search?${query}`;
  const done = one('done');
  const error = one('error');
  return (
    <>
      <h1>{t('staffTitle')}</h1>
      <p className="meta">{t('staffIntro')}</p>
      <form method="get" action="/mod/search" role="search" aria-label={t('staffTitle')} className="search-form staff-search">
        <p className="field">
          <label htmlFor="ms-q">{t('label')}</label>
          <input id="ms-q" name="q" type="search" defaultValue={q} maxLength={100} />
        </p>
        <fieldset>
          <legend>{t('states')}</legend>
          {STATES.map((s) => (
            <label key={s}>
              <input type="checkbox" name="state" value={s} defaultChecked={states.includes(s)} /> {t(`state.${s}`)}
            </label>
          ))}
        </fieldset>
        <p className="field">
          <label htmlFor="ms-member">{t('member')}</label>
          <input id="ms-member" name="member" defaultValue={filters.member} maxLength={64} />
        </p>
        <p className="field">
          <label htmlFor="ms-thread">{t('thread')}</label>
          <input id="ms-thread" name="thread" defaultValue={filters.thread} maxLength={200} />
        </p>
        <p className="field">
          <label htmlFor="ms-from">{t('from')}</label>
          <input id="ms-from" name="from" type="date" defaultValue={filters.from} />
        </p>
        <p className="field">
          <label htmlFor="ms-to">{t('to')}</label>
          <input id="ms-to" name="to" type="date" defaultValue={filters.to} />
        </p>
        <p className="field check">
          <label>
            <input type="checkbox" name="lookalikes" value="1" defaultChecked={filters.lookAlikes} /> {t('lookAlikes')}
          </label>
        </p>
        <button type="submit">{t('submit')}</button>
      </form>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {t('done', { count: Number(done) || 0 })}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {t('refused', { message: errorMessage(locale, error) })}
        </p>
      ) : null}
      {page && page.query && !page.comments.length ? <p role="status">{t('none', { q: page.query })}</p> : null}
      {page && page.comments.length ? (
        <form method="post" action={searchModerationAction} aria-label={t('act')}>
          <input type="hidden" name="returnTo" value={returnTo} />
          <ol className="search-results">
            {page.comments.map((c) => (
              <li key={c.id} data-status={c.status}>
                <input type="hidden" name={`seen:${c.id}`} value={c.status} />
                <label className="search-select">
                  <input type="checkbox" name="ids" value={c.id} aria-label={`${t('select')} #${c.id}`} />
                  <span className="badge" data-state={c.status}>
                    {t(`state.${c.status}`)}
                  </span>
                </label>
                <p className="search-excerpt">
                  <Highlighted segments={c.excerpt} />
                </p>
                <p className="meta">
                  <a href={`/mod?tab=member&username=${encodeURIComponent(c.author.username)}`}>
                    {c.author.displayName} (@{c.author.username})
                  </a>{' '}
                  <a href={`/articles/${encodeURIComponent(c.article.slug)}/comments/${c.id}#c${c.id}`}>{t('inThread', { title: c.article.title })}</a> <ChinaTime date={c.createdAt} />
                  {c.statusReason ? <span> · {c.statusReason}</span> : null}
                </p>
              </li>
            ))}
          </ol>
          <fieldset className="bulk">
            <legend>{t('act')}</legend>
            <p className="field">
              <label htmlFor="ms-reason">{t('reason')}</label>
              <input id="ms-reason" name="reason" maxLength={500} />
            </p>
            <button type="submit" name="action" value="hide" data-harm="harmful">
              {t('hide')}
            </button>{' '}
            <button type="submit" name="action" value="remove" data-harm="severe">
              {t('remove')}
            </button>
          </fieldset>
        </form>
      ) : null}
      {page?.recentOnly ? (
        <p role="note" className="meta">
          {t('recentOnly', { count: RECENT_COMMENTS })}
        </p>
      ) : null}
      {page?.nextCursor ? (
        <nav className="pager">
          <a href={`/mod/search?${query}&cursor=${page.nextCursor}`} rel="next">
            {t('more')}
          </a>
        </nav>
      ) : null}
    </>
  );
}
