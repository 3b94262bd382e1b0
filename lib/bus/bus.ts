// One bus for every process and machine that serves this forum: PostgreSQL's LISTEN/NOTIFY on
// the database they share, so no other service is needed. Writers publish small events after
// their transaction commits (ids, never text); each app process keeps one dedicated listening
// connection and applies what it hears (lib/bus/apply.ts). A process that loses the
// connection reconnects with backoff and, since it may have missed events meanwhile, resyncs.
import crypto from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/client.ts';
import { applicationName } from '../db/pools.ts';
import { logger } from '../log.ts';
import { noteWriting } from '../db/replica.ts';

export const CHANNEL = 'yilun_events';
/** This process, so that it can skip what it published itself (it applied that already). */
export const ORIGIN = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

/** What every event received carries besides: the primary's WAL position after its write. */
export type Received<E = BusEvent> = E & { lsn?: string };

export type BusEvent =
  /** Cached pages with these tags are expired now (a new comment, a removal, a lock …). */
  | { t: 'expire'; tags: string[] }
  /** Cached pages with these tags are refreshed in the background (a like count). */
  | { t: 'stale'; tags: string[] }
  /** The listener was away and may have missed events: everything cached is suspect. */
  | { t: 'resync' }
  /** A thread has new live events (lib/live/thread-events.ts): its streams read them. */
  | { t: 'thread'; a: number }
  /** The moderation queue changed: staff streams recount. */
  | { t: 'queue' };

type Publisher = Pick<Db, '$queryRaw'>;
const globalForBus = globalThis as unknown as { yilunBusPublisher?: () => Publisher | null };

/**
 * Where events are published from: the process's database client. The app sets it on first
 * use of db(); a command (the importer) sets its own.
 */
export function setBusPublisher(get: () => Publisher | null) {
  globalForBus.yilunBusPublisher = get;
}

/**
 * Sends events with the primary's WAL position after the write (lib/db/replica.ts), and
 * answers that position. (pg_notify returns void, which a client cannot read: it is the
 * statement's FROM.) Events are hints about writes already committed, so their transaction
 * does not wait for the disk (synchronous_commit off for it alone): one lost in a crash costs
 * what a crash between a write and its event always cost.
 */
const notify = (client: Publisher, payloads: string[]) =>
  client.$queryRaw<{ lsn: string }[]>`
    SELECT set_config('synchronous_commit', 'off', true) AS relaxed, pg_current_wal_lsn()::text AS lsn,
           (SELECT count(*) FROM (SELECT pg_notify(${CHANNEL}, (p::jsonb || jsonb_build_object('lsn', pg_current_wal_lsn()::text))::text) FROM unnest(${payloads}::text[]) AS p) sent)::int AS n`;

/** The events published in this turn of the event loop: one statement sends them all. */
let batch: { payloads: string[]; sent: Promise<{ lsn: string }[]> } | null = null;

/**
 * Publishes after commit; a failure is logged, never thrown at the write that already
 * succeeded. What one write publishes (expire these pages, stale the list, news for the
 * thread) goes out in one statement, with whatever else this process published meanwhile.
 */
export function publish(event: BusEvent): void {
  const client = globalForBus.yilunBusPublisher?.() ?? null;
  if (!client) return;
  const payload = JSON.stringify({ ...event, o: ORIGIN });
  // NOTIFY payloads are limited to 8000 bytes; events carry ids, so they stay small.
  // (7 000: the position is added to it, and PostgreSQL writes the JSON back with spaces.)
  if (payload.length > 7_000) {
    logger.warn({ size: payload.length }, 'bus event too large: sending a resync instead');
    return publish({ t: 'resync' });
  }
  if (!batch) {
    const payloads: string[] = [];
    const sent = new Promise<{ lsn: string }[]>((resolve, reject) =>
      setImmediate(() => {
        batch = null;
        notify(client, payloads).then(resolve, reject);
      }),
    );
    sent.catch((err: unknown) => logger.warn({ err: String(err), events: payloads.length }, 'bus: could not publish'));
    batch = { payloads, sent };
  }
  batch.payloads.push(payload);
  // A process reading from a replica waits until it has replayed that far, this one included.
  noteWriting(batch.sent.then((rows) => rows[0]?.lsn, () => undefined));
}

/** Publishes and waits until PostgreSQL has taken the event (for a command about to exit). */
export async function publishNow(client: Publisher, event: BusEvent): Promise<void> {
  await notify(client, [JSON.stringify({ ...event, o: ORIGIN })]);
}

/** How often a listening process proves its bus works, and how long the proof may take. */
export const PROBE_EVERY_MS = 30_000;
export const PROBE_WAIT_MS = 5_000;

export interface BusHealth {
  /** Set while this process's own probe did not come back: it hears nothing from the others. */
  silentSince: number | null;
}

/** This process's bus, as its last probe found it (read by readiness and the page cache). */
export function busHealth(): BusHealth {
  const g = globalThis as unknown as { yilunBusHealth?: BusHealth };
  return (g.yilunBusHealth ??= { silentSince: null });
}

export const SILENT_BUS_MESSAGE =
  'bus: LISTEN receives nothing (this process\'s own NOTIFY did not come back): is DATABASE_URL a transaction pooler such as PgBouncer? set DIRECT_URL to a direct connection. Until then pages are not served from the cache as fresh, and /api/ready answers 503';

function isEvent(e: unknown): e is BusEvent {
  if (!e || typeof e !== 'object') return false;
  const { t, tags } = e as { t?: unknown; tags?: unknown };
  if (t === 'resync' || t === 'queue') return true;
  if (t === 'thread') return Number.isSafeInteger((e as { a?: unknown }).a);
  return (t === 'expire' || t === 'stale') && Array.isArray(tags) && tags.length <= 1000 && tags.every((x) => typeof x === 'string' && x.length <= 200);
}

export interface Listener {
  stop(): Promise<void>;
}

/**
 * Listens on its own connection; calls `onEvent` for each event from another process, and
 * with `resync` after every reconnection (events may have been missed while away).
 */
export function listen(
  url: string,
  onEvent: (e: BusEvent) => void,
  /** `probe` sends a payload the way events are published (the app's pool): it must come back here. */
  opts: { probe: (payload: string) => Promise<unknown>; minDelay?: number; maxDelay?: number; probeEvery?: number; probeWait?: number },
): Listener {
  let client: pg.Client | null = null;
  let stopped = false;
  // The proof: a NOTIFY sent the way events are published (the app's pool, which may be a
  // pooler) must come back on this LISTEN. `waiting` is the probe in flight.
  let waiting: { id: string; timer: NodeJS.Timeout } | null = null;
  let probeTimer: NodeJS.Timeout | null = null;
  const health = busHealth();
  const probe = () => {
    if (stopped || waiting || !client) return;
    const id = crypto.randomBytes(6).toString('hex');
    const timer = setTimeout(() => {
      if (waiting?.id !== id) return;
      waiting = null;
      if (health.silentSince === null) {
        health.silentSince = Date.now();
        logger.error(SILENT_BUS_MESSAGE);
      }
      // While silent, asked again every second: a database back from an outage is heard at once.
      setTimeout(probe, 1_000).unref();
    }, opts.probeWait ?? PROBE_WAIT_MS);
    timer.unref();
    waiting = { id, timer };
    Promise.resolve(opts.probe(JSON.stringify({ t: 'probe', id, o: ORIGIN }))).catch(() => {});
  };
  const heard = (id: string) => {
    if (waiting?.id !== id) return;
    clearTimeout(waiting.timer);
    waiting = null;
    if (health.silentSince !== null) {
      health.silentSince = null;
      logger.info('bus: its own NOTIFY came back: listening again; resyncing');
      // What was missed while silent is unknown: everything cached is suspect.
      onEvent({ t: 'resync' });
    }
  };
  let delay = opts.minDelay ?? 500;
  let timer: NodeJS.Timeout | null = null;
  let connectedBefore = false;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: applicationName('bus') });
    c.on('error', () => {}); // the 'end' handler below reconnects
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const e = JSON.parse(msg.payload) as BusEvent & { o?: string; id?: string };
        if ((e as { t?: string }).t === 'probe') {
          if (e.o === ORIGIN && typeof e.id === 'string') heard(e.id);
          return;
        }
        if (e.o === ORIGIN) return;
        if (!isEvent(e)) return void logger.warn('bus: an event of unknown shape was ignored');
        onEvent(e);
      } catch {
        logger.warn('bus: an event that is not JSON was ignored');
      }
    });
    c.on('end', () => {
      if (client !== c || stopped) return;
      client = null;
      logger.warn('bus: the listening connection was lost; reconnecting');
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => {});
      logger.warn({ err: String(err), retryInMs: delay }, 'bus: could not listen; retrying');
      schedule();
      return;
    }
    if (stopped) return void c.end().catch(() => {});
    client = c;
    delay = opts.minDelay ?? 500;
    if (connectedBefore) {
      logger.info('bus: listening again; resyncing');
      onEvent({ t: 'resync' });
    }
    connectedBefore = true;
    // Proven at once, then every so often.
    probe();
    if (!probeTimer) {
      probeTimer = setInterval(probe, opts.probeEvery ?? PROBE_EVERY_MS);
      probeTimer.unref();
    }
  };
  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, opts.maxDelay ?? 30_000);
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (probeTimer) clearInterval(probeTimer);
      if (waiting) clearTimeout(waiting.timer);
      await client?.end().catch(() => {});
    },
  };
}
