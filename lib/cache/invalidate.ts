// The one place that says "this changed" about what anonymous readers see. Pages that are
// served from the shared cache name what they show (dependsOn); every write that changes
// it names the article here, after its transaction has committed. Removals, restores,
// new comments, locks and pre-moderation expire the article's pages at once; like counts
// are refreshed in the background (the next reader may get the previous count once).
// The same change is published on the bus (lib/bus/bus.ts), so that every other process and
// machine serving the forum expires the same pages.
import { revalidateTag, unstable_cache } from 'next/cache';
import { publish } from '../bus/bus.ts';
import { markTags } from './tag-state.js';
import { ALL_TAG, articleTag, THREAD_LIST_TAG } from './tags.ts';

export { ALL_TAG, articleTag, THREAD_LIST_TAG };

/**
 * Called while a cached page renders: ties the page to these tags, so that a change to any
 * of them reaches it. (Outside `'use cache'`, a tag reaches a page through a cached read.)
 */
export async function dependsOn(...tags: string[]): Promise<void> {
  await unstable_cache(async () => true, ['yilun:depends-on', ...tags], { tags: [...tags, ALL_TAG] })();
}

/**
 * Marks the tag in this process's page cache (lib/cache/tag-state.js, which the cache handler
 * reads): 'expired' now, or only stale ("soon": the next reader gets the kept page and a
 * fresh one renders behind it). Yilun keeps the tags itself, so this works the same inside a
 * request, a script or a test, and a stale mark never undoes an expiry.
 */
function expire(tag: string, soon: boolean) {
  markTags([tag], soon ? 'stale' : 'expired');
  if (soon) return;
  // Within a request, Next is told too: a server action that expired pages then answers with a
  // refreshed page (the thread's "⋯ 管理" returns to the same address with only its #fragment
  // changed, which the browser would not reload). Outside a request (a script, a test) there
  // is nothing of Next's to tell, and Next says so by throwing: the mark above is what counts.
  try {
    revalidateTag(tag, { expire: 0 });
  } catch {}
}

/** An article's comments, counts, lock or pre-moderation changed: its pages expire now. */
export function articleChanged(...articleIds: number[]): void {
  const ids = [...new Set(articleIds)];
  if (!ids.length) return;
  for (const id of ids) expire(articleTag(id), false);
  expire(THREAD_LIST_TAG, true);
  publish({ t: 'expire', tags: ids.map(articleTag) });
  publish({ t: 'stale', tags: [THREAD_LIST_TAG] });
}

/**
 * An article came into or went out of readers' sight (published, taken down, put back): its
 * pages and every page of the thread list expire at once — a "not found" cached at its
 * address depends on the list (lib/cache/cached-page.ts), and must not outlive the change.
 */
export function articleVisibilityChanged(articleId: number): void {
  expire(articleTag(articleId), false);
  expire(THREAD_LIST_TAG, false);
  publish({ t: 'expire', tags: [articleTag(articleId), THREAD_LIST_TAG] });
}

/** A like count changed: its pages are re-rendered in the background (within a request or so). */
export function likeCountChanged(articleId: number): void {
  expire(articleTag(articleId), true);
  publishCoalesced(articleId);
}

// Like counts cross the bus at most once a second per article: a burst of likes is one event.
const lastSent = new Map<number, number>();
const pending = new Set<number>();
function publishCoalesced(articleId: number) {
  if (pending.has(articleId)) return;
  const wait = (lastSent.get(articleId) ?? 0) + 1_000 - Date.now();
  const send = () => {
    pending.delete(articleId);
    lastSent.set(articleId, Date.now());
    if (lastSent.size > 10_000) lastSent.clear();
    publish({ t: 'stale', tags: [articleTag(articleId)] });
  };
  if (wait <= 0) return send();
  pending.add(articleId);
  setTimeout(send, wait).unref();
}
