// The page cache's tags, kept by Yilun (not Next): for each tag, when it was last marked stale
// (the next reader gets the kept page while a fresh one renders behind it) and expired (the
// next reader waits for a fresh render). Marked by the cache handler's revalidateTag (what
// Next's revalidateTag and revalidatePath call), by lib/cache/invalidate.ts, and by the bus
// for what other processes changed (lib/bus/apply.ts). One map per process, whichever bundle
// loads this module (Next loads the handler apart from the app's routes).

/** @returns {Map<string, { stale?: number; expired?: number }>} */
function tags() {
  const g = /** @type {{ yilunCacheTags?: Map<string, { stale?: number; expired?: number }> }} */ (globalThis);
  return (g.yilunCacheTags ??= new Map());
}

/**
 * Marks tags `expired` or `stale` at `now`. An expiry is a stale mark too; a later stale mark
 * never undoes an expiry already marked (a page with a removed comment stays expired
 * whatever like comes after the removal).
 * @param {readonly string[]} list
 * @param {'stale' | 'expired'} field
 */
export function markTags(list, field, now = Date.now()) {
  const map = tags();
  for (const tag of list) map.set(tag, { ...map.get(tag), [field]: now, ...(field === 'expired' ? { stale: now } : {}) });
}

/** What is marked for a tag (for tests). @param {string} tag */
export const tagState = (tag) => tags().get(tag);

/** While the bus is silent, how long a kept page counts as fresh. */
export const SILENT_FRESH_MS = 2_000;

/**
 * What the tags say of an entry stored at `storedAt`: 'expired' when one was expired since
 * (and the expiry has come), 'stale' when one was marked stale since, else null.
 * @param {readonly string[]} list
 * @param {number} storedAt
 * @returns {'expired' | 'stale' | null}
 */
export function tagVerdict(list, storedAt, now = Date.now()) {
  // While the bus is silent (lib/bus/bus.ts), other processes' changes never arrive here:
  // nothing kept is fresh for more than a moment.
  const silent = /** @type {{ yilunBusHealth?: { silentSince: number | null } }} */ (globalThis).yilunBusHealth?.silentSince ?? null;
  if (silent !== null && storedAt < now - SILENT_FRESH_MS) return 'expired';
  const map = tags();
  let stale = false;
  for (const tag of list) {
    const t = map.get(tag);
    if (!t) continue;
    if (typeof t.expired === 'number' && t.expired <= now && t.expired > storedAt) return 'expired';
    if (typeof t.stale === 'number' && t.stale > storedAt) stale = true;
  }
  return stale ? 'stale' : null;
}
