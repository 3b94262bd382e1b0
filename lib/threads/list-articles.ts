import 'server-only';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { decodeCursor, encodeCursor, zId, zInstant } from './cursor.ts';

export const ARTICLES_PAGE_SIZE = 20;

const articleCursor = z.object({ a: zInstant, i: zId }).strict();

export interface ArticleSummary {
  slug: string;
  title: string;
  source: string;
  publishedAt: Date;
  commentCount: number;
  lastActivityAt: Date;
}

/** The thread list, most recently active first, by keyset cursor. */
export async function listArticles(
  prisma: PrismaClient,
  opts: { cursor?: string | null; limit?: number } = {},
): Promise<{ articles: ArticleSummary[]; nextCursor: string | null }> {
  const limit = opts.limit ?? ARTICLES_PAGE_SIZE;
  const after = opts.cursor ? decodeCursor(opts.cursor, articleCursor) : null;
  const rows = await prisma.article.findMany({
    where: {
      unpublishedAt: null,
      ...(after ? { OR: [{ lastActivityAt: { lt: after.a } }, { lastActivityAt: after.a, id: { lt: after.i } }] } : {}),
    },
    orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: { id: true, slug: true, title: true, sourceSite: true, publishedAt: true, commentCount: true, lastActivityAt: true },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    articles: page.map((r) => ({
      slug: r.slug, title: r.title, source: r.sourceSite, publishedAt: r.publishedAt,
      commentCount: r.commentCount, lastActivityAt: r.lastActivityAt,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ a: last.lastActivityAt.toISOString(), i: last.id }) : null,
  };
}
