// Reads from a streaming replica (DATABASE_REPLICA_URL), never older than what this process
// knows was written. Every write's bus event carries the primary's WAL position after it
// (lib/bus/bus.ts); this process keeps the highest it has seen, from its own writes and from
// everyone else's events (lib/bus/apply.ts). A read for a page every reader shares asks for
// the replica only once the replica has replayed that far: at most REPLICA_WAIT_MS of waiting,
// then the primary answers instead. So a removed comment never comes back from a lagging
// replica: the page it expired is rendered again only from data that has the removal.
//
// What must read its own writes (a member's page, moderation, sign-in, every write) keeps
// using db(); only the cached renders and the read API ask here (docs/scaling.md).
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { createPrisma, db, type Db } from './client.ts';
import { applicationName, poolShares } from './pools.ts';

/** How long a read waits for the replica to catch up before the primary answers it. */
export const REPLICA_WAIT_MS = 1_000;
const POLL_MS = 20;

interface ReplicaState {
  client?: Db;
  /** The highest WAL position this process knows a write reached (as a number of bytes). */
  needed: bigint;
  /** Writes of this process whose position is on its way. */
  pending: Set<Promise<unknown>>;
  /** The highest position the replica was seen to have replayed. */
  replayed: bigint;
  /** Since when the replica has been behind or away (logged once per episode). */
  behindSince: number | null;
}

const state = (): ReplicaState => {
  const g = globalThis as unknown as { yilunReplica?: ReplicaState };
  return (g.yilunReplica ??= { needed: 0n, pending: new Set(), replayed: 0n, behindSince: null });
};

/** PostgreSQL's `X/Y` LSN as a number; null for anything else. */
export function parseLsn(lsn: unknown): bigint | null {
  if (typeof lsn !== 'string') return null;
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : null;
}

export const replicaConfigured = () => !!env().DATABASE_REPLICA_URL;

/** A write reached `lsn` on the primary (from a bus event, or this process's own write). */
export function noteWritten(lsn: unknown): void {
  const n = parseLsn(lsn);
  const s = state();
  if (n !== null && n > s.needed) s.needed = n;
}

/** This process's own write: reads wait for its position to be known. */
export function noteWriting(position: Promise<unknown>): void {
  if (!replicaConfigured()) return;
  const s = state();
  const p = position.then(noteWritten, () => {});
  s.pending.add(p);
  void p.finally(() => s.pending.delete(p));
}

function replica(): Db {
  const s = state();
  if (!s.client) {
    s.client = createPrisma(env().DATABASE_REPLICA_URL!, poolShares().main, { applicationName: applicationName('replica') });
  }
  return s.client;
}

async function replayedOn(client: Db): Promise<bigint | null> {
  const [row] = await client.$queryRaw<{ lsn: string | null }[]>`SELECT pg_last_wal_replay_lsn()::text AS lsn`;
  return parseLsn(row?.lsn);
}

/**
 * The client for a read that every reader shares: the replica once it has replayed every
 * write this process knows of, else (after REPLICA_WAIT_MS, or when it is away) the primary.
 * Without DATABASE_REPLICA_URL, always the primary.
 */
export async function readDb(): Promise<Db> {
  if (!replicaConfigured()) return db();
  const s = state();
  if (s.pending.size) await Promise.all([...s.pending]);
  const needed = s.needed;
  if (s.replayed >= needed) return replica();
  const deadline = Date.now() + REPLICA_WAIT_MS;
  for (;;) {
    try {
      const replayed = await replayedOn(replica());
      // Not a standby (a primary given as the replica): it has everything.
      if (replayed === null) return replica();
      if (replayed > s.replayed) s.replayed = replayed;
      if (replayed >= needed) {
        if (s.behindSince !== null) logger.info({ behindMs: Date.now() - s.behindSince }, 'replica: caught up');
        s.behindSince = null;
        return replica();
      }
    } catch (err) {
      if (s.behindSince === null) logger.warn({ err: String(err) }, 'replica: unreachable; reads go to the primary');
      s.behindSince ??= Date.now();
      return db();
    }
    if (Date.now() >= deadline) {
      if (s.behindSince === null) logger.warn({ waitedMs: REPLICA_WAIT_MS }, 'replica: behind the writes this process knows of; reads go to the primary until it catches up');
      s.behindSince ??= Date.now();
      return db();
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** What the replica has replayed and what reads need (for tests and /api/ready). */
export const replicaPositions = () => ({ needed: state().needed, replayed: state().replayed });
