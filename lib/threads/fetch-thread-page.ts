import 'server-only';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { loadOrFirstPage } from './cursor.ts';
import { getArticle } from './get-article.ts';
import { listComments, SORTS, type Sort } from './list-comments.ts';

import { OWN_RECENT_MINUTES } from '../comments/rules.ts';

type Search = Record<string, string | string[] | undefined>;

/** Page query parameters, forgiving: an unknown sort is `top`. */
export function parseThreadQuery(search: Search): { sort: Sort; cursor: string | null } {
  const sort = (SORTS as readonly string[]).includes(String(search.sort)) ? (search.sort as Sort) : 'top';
  return { sort, cursor: typeof search.cursor === 'string' && search.cursor ? search.cursor : null };
}

/**
 * Everything an article page renders: the article, one page of its comments and which of
 * them the reader likes. A bounded number of queries, whatever the thread's size.
 */
export async function fetchThreadPage(prisma: PrismaClient, slug: string, sort: Sort, cursor: string | null, viewerId: number | null = null) {
  const article = await getArticle(prisma, slug);
  if (!article) return null;
  // A member sees what they wrote in the last quarter hour on the first page, whatever the sort.
  const ownSince = viewerId ? new Date(Date.now() - OWN_RECENT_MINUTES * 60_000) : null;
  const page = await loadOrFirstPage(cursor, (c) => listComments(prisma, { articleId: article.id, sort, cursor: c, viewerId, ownSince }));
  return { article, ...page };
}
