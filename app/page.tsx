import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { ChinaTime } from '@/components/china-time.tsx';
import { db } from '@/lib/db/client.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { listArticles } from '@/lib/threads/list-articles.ts';

export default async function HomePage({ searchParams }: PageProps<'/'>) {
  await connection();
  const t = await getTranslations('home');
  const { cursor } = await searchParams;
  const page = await loadOrFirstPage(typeof cursor === 'string' ? cursor : null, (c) => listArticles(db(), { cursor: c }));
  return (
    <>
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
        {!page.firstPage ? <a href="/">{t('first')}</a> : null}
        {page.nextCursor ? <a href={`/?cursor=${page.nextCursor}`} rel="next">{t('older')}</a> : null}
      </nav>
    </>
  );
}
