import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { ChinaTime } from '@/components/china-time.tsx';
import { Highlighted } from '@/components/highlighted.tsx';
import { readDb } from '@/lib/db/replica.ts';
import { db } from '@/lib/db/client.ts';
import { settle } from '@/lib/errors.ts';
import { errorMessage } from '@/lib/i18n/translate.ts';
import type { Locale } from '@/i18n/locales.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { countReaderSearch, noResults, RECENT_COMMENTS, searchForReaders } from '@/lib/search/search.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('search'))('title'), robots: { index: false } };
}

/** Search for everyone (issue 23): a GET form, so it works without JavaScript. */
export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  await connection();
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q : '';
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : null;
  const t = await getTranslations('search');
  // Too many searches from this address: said where the results would be; the query stays in the box.
  const [, refusal] = await settle(countReaderSearch(db(), q, requestAddress(await headers())));
  const locale = (await getLocale()) as Locale;
  const prisma = await readDb();
  const page = refusal ? noResults(q) : await loadOrFirstPage(cursor, (c) => searchForReaders(prisma, { q, cursor: c }));
  const nothing = !refusal && page.query && !page.articles.length && !page.comments.length;
  return (
    <>
      <h1>{t('title')}</h1>
      <form method="get" action="/search" role="search" aria-label={t('label')} className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          {t('label')}
        </label>
        <input id="search-q" name="q" type="search" defaultValue={q} maxLength={100} placeholder={t('placeholder')} />
        <button type="submit">{t('submit')}</button>
      </form>
      {!page.query ? <p className="meta">{t('empty')}</p> : null}
      {refusal ? (
        <p role="alert" className="form-error">
          {errorMessage(locale, refusal.code, refusal.params)}
        </p>
      ) : null}
      {page.recentOnly ? (
        <p role="note" className="meta">
          {t('recentOnly', { count: RECENT_COMMENTS })}
        </p>
      ) : null}
      {nothing ? <p role="status">{t('none', { q: page.query })}</p> : null}
      {page.articles.length ? (
        <section aria-labelledby="search-articles">
          <h2 id="search-articles">{t('articles')}</h2>
          <ul className="search-results">
            {page.articles.map((a) => (
              <li key={a.slug}>
                <a href={`/articles/${encodeURIComponent(a.slug)}`}>
                  <Highlighted segments={a.title} />
                </a>{' '}
                <span className="meta">{t('commentCount', { count: a.commentCount })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {page.comments.length ? (
        <section aria-labelledby="search-comments">
          <h2 id="search-comments">{t('comments')}</h2>
          <ol className="search-results">
            {page.comments.map((c) => (
              <li key={c.id}>
                <p className="search-excerpt">
                  <Highlighted segments={c.excerpt} />
                </p>
                <p className="meta">
                  <a href={`/u/${encodeURIComponent(c.author.username)}`}>{c.author.displayName}</a>{' '}
                  <a href={`/articles/${encodeURIComponent(c.article.slug)}/comments/${c.id}#c${c.id}`}>{t('inThread', { title: c.article.title })}</a> <ChinaTime date={c.createdAt} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {page.nextCursor ? (
        <nav className="pager">
          <a href={`/search?${new URLSearchParams({ q: page.query, cursor: page.nextCursor })}`} rel="next">
            {t('more')}
          </a>
        </nav>
      ) : null}
    </>
  );
}
