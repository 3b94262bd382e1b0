// The cache's tags, in one place (the bus applies them in processes without Next's request
// context, so they live apart from lib/cache/invalidate.ts).

/** Tag of every cached page that shows the list of threads (counts, last activity, new articles). */
export const THREAD_LIST_TAG = 'threads';
/** Tag of every cached page: a resync after a lost bus connection expires them all. */
export const ALL_TAG = 'yilun:all';
/** Tag of every cached page of one article: all languages, sorts, pages and permalinks. */
export const articleTag = (articleId: number) => `article:${articleId}`;
