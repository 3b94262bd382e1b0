// Live streams that fan out: one read per article per process per announcement, whatever the
// number of open streams. Each article with listeners in this process has one hub: it keeps
// how far it has read (`cursor`), the recent events (for streams that reconnect with a
// Last-Event-ID it can still answer from memory), and its streams. An announcement makes the
// hub read once; every stream of the article gets the same encoded bytes.
import type { Db } from '../db/client.ts';
import { announcements, eventsAfter, latestEventId, type ThreadEventRow } from './thread-events.ts';

/** Events kept per article for reconnections (beyond them a reconnection reads for itself). */
const RECENT = 500;

export interface Listener {
  /** The id of the last event this stream has; it is sent only what comes after. */
  last: bigint;
  /** Bytes to write to the stream. */
  write(chunk: Uint8Array): void;
}

interface Hub {
  articleId: number;
  /** Every event up to this id has been read and handed out. */
  cursor: bigint;
  /** Events after `recentFrom`, oldest first (all of them: none after it is missing). */
  recent: { id: bigint; bytes: Uint8Array }[];
  recentFrom: bigint;
  listeners: Set<Listener>;
  /** Listeners still catching up by a read of their own: they get the hub's news after. */
  catchingUp: Set<Listener>;
  reading: boolean;
  again: boolean;
  ready: Promise<void>;
}

const encoder = new TextEncoder();
const encode = (e: ThreadEventRow) => encoder.encode(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify({ commentId: e.commentId, ...(e.data ?? {}) })}\n\n`);
const resyncBytes = (id: bigint) => encoder.encode(`id: ${id}\nevent: resync\ndata: {}\n\n`);

/** Reads made by the hubs of this process (the tests count them). */
export const fanoutStats = { reads: 0 };

function registry(): { hubs: Map<number, Hub>; wired: boolean } {
  const g = globalThis as unknown as { yilunFanout?: { hubs: Map<number, Hub>; wired: boolean } };
  return (g.yilunFanout ??= { hubs: new Map(), wired: false });
}

/**
 * Adds a stream to its article's hub. `replayFrom`: the Last-Event-ID it reconnected with, or
 * null for a fresh stream (which starts at the newest event). Returns the function that
 * removes it.
 */
export async function listen(prisma: Db, articleId: number, listener: Omit<Listener, 'last'>, replayFrom: bigint | null): Promise<() => void> {
  const reg = registry();
  wire(prisma);
  let hub = reg.hubs.get(articleId);
  if (!hub) {
    const fresh: Hub = {
      articleId,
      cursor: 0n,
      recent: [],
      recentFrom: 0n,
      listeners: new Set(),
      catchingUp: new Set(),
      reading: false,
      again: false,
      ready: Promise.resolve(),
    };
    fresh.ready = latestEventId(prisma, articleId).then((id) => {
      fresh.cursor = id;
      fresh.recentFrom = id;
    });
    reg.hubs.set(articleId, fresh);
    hub = fresh;
  }
  const h = hub;
  const l: Listener = { ...listener, last: 0n };
  h.listeners.add(l);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    h.listeners.delete(l);
    h.catchingUp.delete(l);
    if (h.listeners.size === 0 && reg.hubs.get(articleId) === h) reg.hubs.delete(articleId);
  };
  try {
    await h.ready;
  } catch {
    // The database is away: start from nothing; the next announcement reads.
  }
  if (replayFrom === null || replayFrom >= h.cursor) {
    l.last = replayFrom ?? h.cursor;
  } else if (replayFrom >= h.recentFrom) {
    // Everything it missed is in memory.
    l.last = replayFrom;
    for (const e of h.recent) if (e.id > l.last) l.write(e.bytes);
    l.last = h.cursor;
  } else {
    // Older than the hub remembers: one read of its own, then the hub's news.
    h.catchingUp.add(l);
    try {
      const { rows, gap } = await eventsAfter(prisma, articleId, replayFrom);
      if (gap) {
        l.write(resyncBytes(h.cursor));
        l.last = h.cursor;
      } else {
        l.last = replayFrom;
        for (const e of rows) {
          if (BigInt(e.id) > h.cursor) break; // the hub hands these out
          l.write(encode(e));
          l.last = BigInt(e.id);
        }
        for (const e of h.recent) if (e.id > l.last) l.write(e.bytes);
        l.last = h.cursor;
      }
    } catch {
      l.last = h.cursor;
    } finally {
      h.catchingUp.delete(l);
    }
  }
  return remove;
}

/** The news of one article: one read, handed to every stream of it in this process. */
async function read(prisma: Db, h: Hub): Promise<void> {
  if (h.reading) return void (h.again = true);
  h.reading = true;
  try {
    await h.ready.catch(() => {});
    do {
      h.again = false;
      fanoutStats.reads++;
      const { rows, gap } = await eventsAfter(prisma, h.articleId, h.cursor);
      if (gap) {
        h.cursor = await latestEventId(prisma, h.articleId);
        h.recent = [];
        h.recentFrom = h.cursor;
        const bytes = resyncBytes(h.cursor);
        for (const l of h.listeners) {
          if (h.catchingUp.has(l)) continue;
          l.write(bytes);
          l.last = h.cursor;
        }
        continue;
      }
      for (const e of rows) {
        const id = BigInt(e.id);
        const bytes = encode(e);
        h.recent.push({ id, bytes });
        for (const l of h.listeners) {
          if (h.catchingUp.has(l) || l.last >= id) continue;
          l.write(bytes);
          l.last = id;
        }
        h.cursor = id;
      }
      if (h.recent.length > RECENT) {
        const dropped = h.recent.splice(0, h.recent.length - RECENT);
        h.recentFrom = dropped[dropped.length - 1].id;
      }
    } while (h.again && h.listeners.size > 0);
  } catch {
    // The database is away: the next announcement (or resync after the bus reconnects) reads again.
  } finally {
    h.reading = false;
  }
}

/** The process's announcements reach the hubs (once per process). */
function wire(prisma: Db) {
  const reg = registry();
  if (reg.wired) return;
  reg.wired = true;
  announcements().on('article', (id: number) => {
    const h = reg.hubs.get(id);
    if (h) void read(prisma, h);
  });
  // After the bus reconnects, news may have been missed: every hub reads.
  announcements().on('resync', () => {
    for (const h of reg.hubs.values()) void read(prisma, h);
  });
}
