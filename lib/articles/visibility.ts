// When readers may see an article: the one rule, used by every read, write, feed and
// notification. An article is visible once its publication time has come (an article
// scheduled for later, "定时发布", is unknown until then) and while staff have not taken it
// down. Anything not visible is answered as if it did not exist (404), and nothing may be
// written into it: no comment, edit, like or report.
import { Prisma } from '../generated/prisma/client.ts';
import { storable } from '../text/storable.ts';

/** A slug worth looking up: bounded and storable (anything else is no article, and no query). */
export const plausibleSlug = (slug: string): boolean => slug.length <= 200 && storable(slug);

/** Prisma's `where` for a visible article, as of `now`. */
export function visibleArticle(now: Date = new Date()) {
  return { unpublishedAt: null, publishedAt: { lte: now } } satisfies Prisma.ArticleWhereInput;
}

/** The same rule in SQL, for the article table under `alias` (a fixed name, never input). */
export function visibleArticleSql(alias: 'a' | 'articles' = 'a'): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`(${a}.unpublished_at IS NULL AND ${a}.published_at <= now())`;
}

/** The rule for a row already read (staff pages that show every article say which it is). */
export function isVisibleArticle(a: { unpublishedAt: Date | null; publishedAt: Date }, now: Date = new Date()): boolean {
  return a.unpublishedAt === null && a.publishedAt <= now;
}
