// What an app process does with an event from another process: the same as what the writer's
// own process did, on this process's page cache (the tags Yilun keeps, lib/cache/tag-state.js).
import { ALL_TAG, THREAD_LIST_TAG } from '../cache/tags.ts';
import { markTags, tagState } from '../cache/tag-state.js';
import type { Received } from './bus.ts';
import { noteWritten } from '../db/replica.ts';

export { markTags, tagState };

export function applyToPageCache(event: Received, now = Date.now()): void {
  // First what the replica must have replayed before it renders any page this expires.
  noteWritten(event.lsn);
  const mark = (tag: string, field: 'stale' | 'expired') => markTags([tag], field, now);
  if (event.t === 'thread' || event.t === 'queue') return;
  if (event.t === 'resync') {
    mark(ALL_TAG, 'expired');
    mark(THREAD_LIST_TAG, 'expired');
    return;
  }
  for (const tag of event.tags) mark(tag, event.t === 'stale' ? 'stale' : 'expired');
}
