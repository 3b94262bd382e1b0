// The one place that says "this changed" about what anonymous readers see. Pages that are
// served from the shared cache name what they show (dependsOn); every write that changes
// it names the article here, after its transaction has committed. Removals, restores,
// new comments, locks and pre-moderation expire the article's pages at once; like counts
// are refreshed in the background (the next reader may get the previous count once).
import { revalidateTag, unstable_cache } from 'next/cache';

/** Tag of every cached page that shows the list of threads (counts, last activity, new articles). */
export const THREAD_LIST_TAG = 'threads';
/** Tag of every cached page of one article: all languages, sorts, pages and permalinks. */
export const articleTag = (articleId: number) => `article:${articleId}`;

/**
 * Called while a cached page renders: ties the page to these tags, so that a change to any
 * of them reaches it. (Outside `'use cache'`, a tag reaches a page through a cached read.)
 */
export async function dependsOn(...tags: string[]): Promise<void> {
  await unstable_cache(async () => true, ['yilun:depends-on', ...tags], { tags })();
}

function expire(tag: string, soon: boolean) {
  try {
    revalidateTag(tag, soon ? 'max' : { expire: 0 });
  } catch (err) {
    // Outside a Next.js request (a script, a unit test) there is no page cache to expire.
    if (!(err instanceof Error && err.message.includes('static generation store missing'))) throw err;
  }
}

/** An article's comments, counts, lock or pre-moderation changed: its pages expire now. */
export function articleChanged(...articleIds: number[]): void {
  for (const id of new Set(articleIds)) expire(articleTag(id), false);
  if (articleIds.length) expire(THREAD_LIST_TAG, true);
}

/** A like count changed: its pages are re-rendered in the background (within a request or so). */
export function likeCountChanged(articleId: number): void {
  expire(articleTag(articleId), true);
}
