// What readers of a thread see change, live: each change is a row of thread_events (ordered by
// id across every process and machine, kept for REPLAY_MINUTES for Last-Event-ID), announced
// in this process at once and to every other one through the bus. Streams (the SSE route)
// read the rows; the announcement only says "there is more for article N".
import { EventEmitter } from 'node:events';
import type { Db } from '../db/client.ts';
import { publish } from '../bus/bus.ts';
import { logger } from '../log.ts';

export type ThreadEventKind = 'comment' | 'edited' | 'removed' | 'likes' | 'lock';
export const REPLAY_MINUTES = 60;
/** Open live streams per client address, in one process; more are refused with a 429. */
export const MAX_STREAMS_PER_ADDRESS = 20;

export interface ThreadEventRow {
  id: string;
  kind: ThreadEventKind;
  commentId: number | null;
  data: Record<string, unknown> | null;
}

/** One emitter per process, shared by the server's bus listener and the app's routes. */
export function announcements(): EventEmitter {
  const g = globalThis as unknown as { yilunThreadEvents?: EventEmitter };
  if (!g.yilunThreadEvents) {
    g.yilunThreadEvents = new EventEmitter();
    g.yilunThreadEvents.setMaxListeners(0);
  }
  return g.yilunThreadEvents;
}

/** Tells this process's streams, and through the bus every other process's, that article N has news. */
export function announce(articleId: number): void {
  announcements().emit('article', articleId);
  publish({ t: 'thread', a: articleId });
}

/**
 * Records changes after their write committed, and announces them. Never awaited by the
 * write and never failing it: a lost event costs a live reader an update, which their next
 * reconnection (or a reload) makes good.
 */
export function threadChanged(client: Db, articleId: number, events: { kind: ThreadEventKind; commentId?: number | null; data?: Record<string, unknown> }[]): void {
  if (!events.length) return;
  void (async () => {
    // A replay log of what already committed: its transaction need not wait for the disk.
    await client.$executeRaw`
      INSERT INTO thread_events (article_id, kind, comment_id, data)
      SELECT ${articleId}, e.kind, e.comment_id, e.data
      FROM jsonb_to_recordset(${JSON.stringify(events.map((e) => ({ kind: e.kind, comment_id: e.commentId ?? null, data: e.data ?? null })))}::jsonb)
        AS e(kind text, comment_id int, data jsonb),
        (SELECT set_config('synchronous_commit', 'off', true)) relaxed`;
    announce(articleId);
    // Now and then, forget what no reconnection can ask for any more.
    if (Math.random() < 0.01) await client.$executeRaw`DELETE FROM thread_events WHERE created_at < now() - make_interval(mins => ${REPLAY_MINUTES})`;
  })().catch((err: unknown) => logger.warn({ err: String(err), articleId }, 'live: could not record a thread event'));
}

/** The moderation queue changed (a report, a held comment, a decision): staff streams recount. */
export function queueChanged(): void {
  announcements().emit('queue');
  publish({ t: 'queue' });
}

/**
 * The events of an article after `afterId`, oldest first. `gap`: some may be gone (older than
 * the replay window, or more than a page of them): the reader reloads instead.
 */
export async function eventsAfter(prisma: Db, articleId: number, afterId: bigint, limit = 200): Promise<{ rows: ThreadEventRow[]; gap: boolean }> {
  const [rows, [{ oldest }]] = await Promise.all([
    prisma.$queryRaw<{ id: bigint; kind: ThreadEventKind; comment_id: number | null; data: Record<string, unknown> | null }[]>`
      SELECT id, kind, comment_id, data FROM thread_events
      WHERE article_id = ${articleId} AND id > ${afterId} ORDER BY id LIMIT ${limit + 1}`,
    prisma.$queryRaw<{ oldest: bigint | null }[]>`SELECT min(id) AS oldest FROM thread_events`,
  ]);
  // Ids are shared by every article; all events after `afterId` are still here only when no
  // event at or before the oldest kept one was asked for.
  const gap = rows.length > limit || (oldest !== null && afterId < oldest - 1n);
  return { rows: rows.slice(0, limit).map((r) => ({ id: r.id.toString(), kind: r.kind, commentId: r.comment_id, data: r.data })), gap };
}

/** The newest event id of an article (where a fresh stream starts). */
export async function latestEventId(prisma: Db, articleId: number): Promise<bigint> {
  const [row] = await prisma.$queryRaw<{ id: bigint | null }[]>`SELECT max(id) AS id FROM thread_events WHERE article_id = ${articleId}`;
  return row.id ?? 0n;
}

