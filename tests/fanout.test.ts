// Live streams fan out (issue 24.4): one read per article per process per announcement,
// whatever the number of open streams; reconnections replay from memory or, when older, by a
// read of their own; a gap says resync.
import { describe, expect, it } from 'vitest';
import type { Db } from '../lib/db/client.ts';
import { fanoutStats, listen } from '../lib/live/fanout.ts';
import { announcements } from '../lib/live/thread-events.ts';
import { freshDatabase } from './support/db.ts';
import { generateThread } from './support/generate-thread.ts';
import { until } from './support/until.ts';

const { prisma, sql } = await freshDatabase();

// Every query the fan-out makes goes through here, and is counted.
let queries = 0;
const counted = new Proxy(prisma, {
  get(target, key, receiver) {
    const value = Reflect.get(target, key, receiver);
    if (key === '$queryRaw' && typeof value === 'function')
      return (...args: unknown[]) => {
        queries++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    return value;
  },
}) as Db;

const decoder = new TextDecoder();
function sink() {
  const events: { id: string; event: string; data: Record<string, unknown> }[] = [];
  return {
    events,
    write(chunk: Uint8Array) {
      const block = decoder.decode(chunk).trim();
      const f = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
      events.push({ id: f.id, event: f.event, data: JSON.parse(f.data) });
    },
  };
}

async function event(articleId: number, commentId: number, kind = 'comment'): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(`INSERT INTO thread_events (article_id, kind, comment_id) VALUES ($1, $2, $3) RETURNING id::text`, [articleId, kind, commentId]);
  announcements().emit('article', articleId);
  return rows[0].id;
}


describe('live streams fan out', () => {
  it('2 000 streams of one article cost one read per announcement, and all of them hear it once', async () => {
    const { articleId } = await generateThread(sql, { slug: 'fanout-many', topLevel: 1 });
    const { articleId: other } = await generateThread(sql, { slug: 'fanout-other', topLevel: 1 });
    const streams = Array.from({ length: 2000 }, () => sink());
    const stops = await Promise.all(streams.map((s) => listen(counted, articleId, s, null)));
    // One stream of another article hears nothing of this one.
    const elsewhere = sink();
    const stopElsewhere = await listen(counted, other, elsewhere, null);
    queries = 0;
    const readsBefore = fanoutStats.reads;
    const id = await event(articleId, 101);
    await until(() => streams.every((s) => s.events.length === 1));
    expect(streams.every((s) => s.events[0].id === id && s.events[0].event === 'comment' && s.events[0].data.commentId === 101)).toBe(true);
    // One read (eventsAfter: the rows and the window's start): two queries, not 4 000.
    expect(fanoutStats.reads - readsBefore).toBe(1);
    expect(queries).toBe(2);
    expect(elsewhere.events).toEqual([]);
    // Ten announcements at once are read together, in order, never twice.
    queries = 0;
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await event(articleId, 200 + i, 'likes'));
    await until(() => streams.every((s) => s.events.length === 11));
    expect(streams[1999].events.slice(1).map((e) => e.id)).toEqual(ids);
    expect(queries).toBeLessThanOrEqual(20);
    for (const stop of stops) stop();
    stopElsewhere();
    // A hub with no streams left is gone: its announcements read nothing.
    queries = 0;
    await event(articleId, 300);
    await new Promise((r) => setTimeout(r, 50));
    expect(queries).toBe(0);
  });

  it('a reconnection replays what it missed: from memory when recent, by a read of its own when older, resync past the window', async () => {
    const { articleId } = await generateThread(sql, { slug: 'fanout-replay', topLevel: 1 });
    const early = await event(articleId, 1);
    const keeper = sink();
    const stopKeeper = await listen(counted, articleId, keeper, null);
    const a = await event(articleId, 2);
    const b = await event(articleId, 3, 'removed');
    await until(() => keeper.events.length === 2);
    // Missed b only: from memory, no query.
    queries = 0;
    const back = sink();
    const stopBack = await listen(counted, articleId, back, BigInt(a));
    expect(back.events.map((e) => e.id)).toEqual([b]);
    expect(queries).toBe(0);
    // Missed everything since before the hub opened: one read of its own.
    const old = sink();
    const stopOld = await listen(counted, articleId, old, BigInt(early) - 1n);
    expect(old.events.map((e) => e.id)).toEqual([early, a, b]);
    // And from then on, the hub's news, once.
    const c = await event(articleId, 4);
    await until(() => old.events.length === 4 && back.events.length === 2);
    expect(old.events.at(-1)!.id).toBe(c);
    expect(back.events.map((e) => e.id)).toEqual([b, c]);
    // A Last-Event-ID older than the replay window: resync.
    await sql.query(`DELETE FROM thread_events WHERE id <= $1`, [early]);
    const lost = sink();
    const stopLost = await listen(counted, articleId, lost, BigInt(early) - 5n);
    expect(lost.events.map((e) => e.event)).toEqual(['resync']);
    for (const stop of [stopKeeper, stopBack, stopOld, stopLost]) stop();
  });
});
