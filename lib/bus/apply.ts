// What an app process does with an event from another process: the same as what the writer's
// own process did with revalidateTag, on this process's page cache. Next keeps the tags'
// expiry times in one map shared by its server and its cache handlers (the ".external"
// module); marking a tag there is what revalidateTag does.
import { createRequire } from 'node:module';
import { ALL_TAG, THREAD_LIST_TAG } from '../cache/tags.ts';
import type { BusEvent } from './bus.ts';

const require = createRequire(import.meta.url);
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as {
  tagsManifest: Map<string, { stale?: number; expired?: number }>;
};

/**
 * Marks tags in this process's page cache: `expired` (the next reader gets a fresh render)
 * or `stale` (the next reader gets the kept page and a render starts behind it). Marking a
 * tag stale never undoes an expiry already marked: a page with a removed comment stays
 * expired whatever like comes after the removal. (Next's own revalidateTag(tag, 'max')
 * would set the tag's expiry a year ahead, and so serve the removed comment once more.)
 */
export function markTags(tags: readonly string[], field: 'stale' | 'expired', now = Date.now()): void {
  for (const tag of tags) tagsManifest.set(tag, { ...tagsManifest.get(tag), [field]: now, ...(field === 'expired' ? { stale: now } : {}) });
}

/** The entry Next keeps for a tag (for tests). */
export const tagState = (tag: string) => tagsManifest.get(tag);

export function applyToPageCache(event: BusEvent, now = Date.now()): void {
  const mark = (tag: string, field: 'stale' | 'expired') => markTags([tag], field, now);
  if (event.t === 'thread' || event.t === 'queue') return;
  if (event.t === 'resync') {
    mark(ALL_TAG, 'expired');
    mark(THREAD_LIST_TAG, 'expired');
    return;
  }
  for (const tag of event.tags) mark(tag, event.t === 'stale' ? 'stale' : 'expired');
}
