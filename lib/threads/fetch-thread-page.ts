import 'server-only';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { BadCursorError } from './cursor.ts';
import { getArticle } from './get-article.ts';
import { listComments, SORTS, type Sort } from './list-comments.ts';

type Search = Record<string, string | string[] | undefined>;

/** Page query parameters, forgiving: an unknown sort is `top`. */
export function parseThreadQuery(search: Search): { sort: Sort; cursor: string | null } {
  const sort = (SORTS as readonly string[]).includes(String(search.sort)) ? (search.sort as Sort) : 'top';
  return { sort, cursor: typeof search.cursor === 'string' && search.cursor ? search.cursor : null };
}

/** Everything an article page renders: the article and one page of its comments. */
export async function fetchThreadPage(prisma: PrismaClient, slug: string, sort: Sort, cursor: string | null) {
  const article = await getArticle(prisma, slug);
  if (!article) return null;
  try {
    return { article, firstPage: !cursor, ...(await listComments(prisma, { articleId: article.id, sort, cursor })) };
  } catch (err) {
    // A stale or mangled cursor in a page URL shows the first page rather than an error.
    if (!(err instanceof BadCursorError)) throw err;
    return { article, firstPage: true, ...(await listComments(prisma, { articleId: article.id, sort })) };
  }
}
