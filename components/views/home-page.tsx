import { getTranslations } from 'next-intl/server';
import { ChinaTime } from '@/components/china-time.tsx';
import { readDb } from '@/lib/db/replica.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { listArticles } from '@/lib/threads/list-articles.ts';
import Link from 'next/link';

/** The list of threads; the same for every reader. */
export async function HomePage({ cursor }: { cursor: string | null }) {
  const t = await getTranslations('home');
  const prisma = await readDb();
  const page = await loadOrFirstPage(cursor, (c) => listArticles(prisma, { cursor: c }));
  return (
    <>
      <link rel="alternate" type="application/atom+xml" href="/feed.xml" title={t('title')} />
      <h1>{t('title')}</h1>
      {page.articles.length === 0 ? <p>{t('empty')}</p> : null}
      <ol className="thread-list">
        {page.articles.map((a) => (
          <li key={a.slug}>
            <h2>
              <a href={`/articles/${a.slug}`}>{a.title}</a>
            </h2>
            <p className="meta">
              <span>{t('source', { site: a.source })}</span>
              <span>
                {t('published')} <ChinaTime date={a.publishedAt} />
              </span>
              <span className="count">{t('comments', { count: a.commentCount })}</span>
              <span>
                {t('lastActivity')} <ChinaTime date={a.lastActivityAt} />
              </span>
            </p>
          </li>
        ))}
      </ol>
      <nav className="pager">
        {!page.firstPage ? <Link href="/">{t('first')}</Link> : null}
        {!page.firstPage && page.prevCursor ? (
          <a href={`/?cursor=${page.prevCursor}`} rel="prev">
            {t('newer')}
          </a>
        ) : null}
        {page.nextCursor ? <a href={`/?cursor=${page.nextCursor}`} rel="next">{t('older')}</a> : null}
      </nav>
    </>
  );
}
