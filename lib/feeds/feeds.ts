import 'server-only';
import type { Db } from '../db/client.ts';
import { visibleArticle } from '../articles/visibility.ts';
import { atomFeed } from './atom.ts';

const FEED_SIZE = 50;

/** /feed.xml: the threads, most recently active first. */
export async function threadsFeed(prisma: Db, origin: string, siteName: string): Promise<string> {
  const articles = await prisma.article.findMany({
    where: visibleArticle(),
    orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
    take: FEED_SIZE,
    select: { slug: true, title: true, summary: true, sourceSite: true, publishedAt: true, lastActivityAt: true },
  });
  return atomFeed({
    id: `${origin}/`,
    title: siteName,
    link: `${origin}/`,
    self: `${origin}/feed.xml`,
    updated: articles[0]?.lastActivityAt ?? new Date(0),
    entries: articles.map((a) => ({
      id: `${origin}/articles/${a.slug}`,
      title: a.title,
      link: `${origin}/articles/${a.slug}`,
      updated: a.lastActivityAt,
      published: a.publishedAt,
      author: a.sourceSite,
      content: a.summary,
    })),
  });
}

/** /articles/{slug}/feed.xml: the thread's visible comments and replies, newest first; null for no such thread. */
export async function commentsFeed(prisma: Db, origin: string, slug: string): Promise<string | null> {
  const article = await prisma.article.findUnique({ where: { slug, ...visibleArticle() }, select: { id: true, title: true, lastActivityAt: true } });
  if (!article) return null;
  const comments = await prisma.comment.findMany({
    where: { articleId: article.id, status: 'visible' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: FEED_SIZE,
    select: { id: true, body: true, createdAt: true, editedAt: true, author: { select: { displayName: true } } },
  });
  const link = `${origin}/articles/${encodeURIComponent(slug)}`;
  return atomFeed({
    id: link,
    title: article.title,
    link,
    self: `${link}/feed.xml`,
    updated: comments[0]?.createdAt ?? article.lastActivityAt,
    entries: comments.map((c) => ({
      id: `${link}/comments/${c.id}`,
      title: `${c.author.displayName}：${[...c.body.replace(/\s+/g, ' ')].slice(0, 40).join('')}`,
      link: `${link}/comments/${c.id}#c${c.id}`,
      updated: c.editedAt ?? c.createdAt,
      published: c.createdAt,
      author: c.author.displayName,
      content: c.body,
    })),
  });
}
