// The bus: events from other processes arrive; one's own are skipped; a lost listening
// connection comes back by itself and says to resync.
import { describe, expect, it } from 'vitest';
import { CHANNEL, listen, ORIGIN, type BusEvent } from '../lib/bus/bus.ts';
import { withPgClient } from '../lib/db/with-client.ts';
import { freshDatabase } from './support/db.ts';
import { until } from './support/until.ts';

const { url, prisma } = await freshDatabase();
const notify = (payload: object) => withPgClient(url, (c) => c.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(payload)]));

describe('the bus (PostgreSQL LISTEN/NOTIFY)', () => {
  it('delivers other processes\' events, skips its own, and resyncs after losing its connection', async () => {
    const heard: BusEvent[] = [];
    const bus = listen(url, (e) => heard.push(e), { minDelay: 50, probe: (payload) => notify(JSON.parse(payload)) });
    try {
      // Wait until it listens.
      await until(() => false, 300).catch(() => {});
      await notify({ t: 'expire', tags: ['article:1'], o: 'another-process' });
      await notify({ t: 'expire', tags: ['article:2'], o: ORIGIN });
      await notify({ nonsense: true });
      await until(() => heard.length >= 1);
      expect(heard[0]).toMatchObject({ t: 'expire', tags: ['article:1'] });
      // The server ends the listening connection (a restart, a network cut).
      await withPgClient(url, (c) => c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ${CHANNEL}' AND datname = current_database()`));
      await until(() => heard.some((e) => e.t === 'resync'));
      // And it listens again.
      await notify({ t: 'stale', tags: ['threads'], o: 'another-process' });
      await until(() => heard.some((e) => e.t === 'stale'));
      expect(heard.filter((e) => e.t === 'expire').map((e) => (e as { tags: string[] }).tags)).toEqual([['article:1']]);
      // Nothing of unknown shape got through.
      expect(heard.every((e) => ['expire', 'stale', 'resync'].includes(e.t))).toBe(true);
    } finally {
      await bus.stop();
    }
  }, 20_000);
});

describe('the bus proves itself (issue 25)', () => {
  it('its own NOTIFY must come back: when it does not (a transaction pooler), it is silent and says why; when it does again, it resyncs', async () => {
    const { busHealth, SILENT_BUS_MESSAGE } = await import('../lib/bus/bus.ts');
    const { tagVerdict } = await import('../lib/cache/tag-state.js');
    expect(SILENT_BUS_MESSAGE).toContain('set DIRECT_URL');
    let delivered = false;
    const heard: BusEvent[] = [];
    // A probe sent where LISTEN never hears it, as through PgBouncer in transaction mode.
    const bus = listen(url, (e) => heard.push(e), { minDelay: 50, probeEvery: 100, probeWait: 300, probe: (payload) => (delivered ? notify(JSON.parse(payload)) : Promise.resolve()) });
    try {
      await until(() => busHealth().silentSince !== null);
      // While silent, nothing kept counts as fresh for long.
      expect(tagVerdict([], Date.now() - 10_000)).toBe('expired');
      expect(tagVerdict([], Date.now())).toBeNull();
      delivered = true;
      await until(() => busHealth().silentSince === null);
      expect(heard.map((e) => e.t)).toContain('resync');
      expect(tagVerdict([], Date.now() - 10_000)).toBeNull();
    } finally {
      await bus.stop();
    }
  }, 20_000);
});

describe('marking the page cache (lib/bus/apply.ts)', () => {
  it('a stale mark (a like) after an expiry (a removal) keeps the expiry: the removed comment is not served again', async () => {
    const { markTags, tagState } = await import('../lib/bus/apply.ts');
    markTags(['test:removal'], 'expired', 1_000);
    markTags(['test:removal'], 'stale', 2_000);
    expect(tagState('test:removal')).toEqual({ expired: 1_000, stale: 2_000 });
    // A later expiry moves both.
    markTags(['test:removal'], 'expired', 3_000);
    expect(tagState('test:removal')).toEqual({ expired: 3_000, stale: 3_000 });
  });
});

describe('publishing (what every write does after commit)', () => {
  it("goes out through the app's own client with the primary's WAL position after the write, which this process notes too", async () => {
    const { publish, setBusPublisher } = await import('../lib/bus/bus.ts');
    const { parseLsn, replicaPositions } = await import('../lib/db/replica.ts');
    // With a replica, this process notes its own write's position (reads wait for it).
    process.env.DATABASE_REPLICA_URL = url;
    const pg = (await import('pg')).default;
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const heard: Record<string, unknown>[] = [];
    listener.on('notification', (n) => heard.push(JSON.parse(n.payload ?? '{}')));
    await listener.query(`LISTEN ${CHANNEL}`);
    try {
      setBusPublisher(() => prisma);
      const [{ before }] = await prisma.$queryRaw<{ before: string }[]>`SELECT pg_current_wal_lsn()::text AS before`;
      publish({ t: 'expire', tags: ['article:7'] });
      await until(() => heard.length > 0);
      expect(heard[0]).toMatchObject({ t: 'expire', tags: ['article:7'], o: ORIGIN });
      const lsn = parseLsn(heard[0].lsn);
      expect(lsn).not.toBeNull();
      expect(lsn! >= parseLsn(before)!).toBe(true);
      await until(() => replicaPositions().needed >= lsn!);
    } finally {
      delete process.env.DATABASE_REPLICA_URL;
      setBusPublisher(() => null);
      await listener.end();
    }
  });
});
