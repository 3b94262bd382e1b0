import 'server-only';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { visibleArticle } from '../articles/visibility.ts';
import { decodeCursor, encodeCursor, zId, zInstant } from './cursor.ts';

export const ARTICLES_PAGE_SIZE = 20;

// After (a, i), or (d: 'b') the page before it: the way back to newer threads.
const articleCursor = z.object({ a: zInstant, i: zId, d: z.literal('b').optional() }).strict();

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
): Promise<{ articles: ArticleSummary[]; nextCursor: string | null; prevCursor: string | null }> {
  const limit = opts.limit ?? ARTICLES_PAGE_SIZE;
  const after = opts.cursor ? decodeCursor(opts.cursor, articleCursor) : null;
  const rows = await prisma.article.findMany({
    where: {
      ...visibleArticle(),
      ...(after && after.d === 'b'
        ? { OR: [{ lastActivityAt: { gt: after.a } }, { lastActivityAt: after.a, id: { gt: after.i } }] }
        : after
          ? { OR: [{ lastActivityAt: { lt: after.a } }, { lastActivityAt: after.a, id: { lt: after.i } }] }
          : {}),
    },
    orderBy: after?.d === 'b' ? [{ lastActivityAt: 'asc' }, { id: 'asc' }] : [{ lastActivityAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: { id: true, slug: true, title: true, sourceSite: true, publishedAt: true, commentCount: true, lastActivityAt: true },
  });
  const back = after?.d === 'b';
  const page = back ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  const more = rows.length > limit;
  const first = page[0];
  const last = page.at(-1);
  const key = (r: { lastActivityAt: Date; id: number }) => ({ a: r.lastActivityAt.toISOString(), i: r.id });
  return {
    articles: page.map((r) => ({
      slug: r.slug, title: r.title, source: r.sourceSite, publishedAt: r.publishedAt,
      commentCount: r.commentCount, lastActivityAt: r.lastActivityAt,
    })),
    // Going back, there are older threads after this page; going forward, newer ones before it.
    nextCursor: last && (back || more) ? encodeCursor(key(last)) : null,
    prevCursor: first && after && (!back || more) ? encodeCursor({ ...key(first), d: 'b' }) : null,
  };
}
