// The one Prisma client of a process. Prisma 7 runs its query compiler as Wasm and talks
// to PostgreSQL through node-postgres (@prisma/adapter-pg); no native engine is needed.
import { env } from '../env.ts';
import { applicationName, poolShares } from './pools.ts';
import { logger } from '../log.ts';
import { setBusPublisher } from '../bus/bus.ts';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

export const SLOW_QUERY_MS = 100;

/**
 * node-postgres's client, timing each query: a query slower than SLOW_QUERY_MS is logged with
 * its model (the table) and operation, never its values (which may hold what members typed).
 * Timing here costs next to nothing; a Prisma client extension around every query cost about
 * 15 % of a like's time.
 */
class TimedClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const started = performance.now();
    const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text as string | undefined) ?? '';
    const done = () => {
      const ms = performance.now() - started;
      if (ms > SLOW_QUERY_MS) logger.warn({ ...describeQuery(text), ms: Math.round(ms) }, 'slow query');
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...r: unknown[]) => {
        done();
        return last(...r);
      };
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  }
}

export function createPrisma(connectionString: string, max = poolShares().main, opts: { logQueries?: boolean; applicationName?: string } = {}): PrismaClient {
  // The adapter makes (and on $disconnect ends) the pool, with the timing client.
  const adapter = new PrismaPg(
    { connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, Client: TimedClient, application_name: opts.applicationName ?? applicationName('main') },
    // A server restart makes idle connections fail; the pool drops them and reconnects on
    // the next query. Without a listener the error would end the process.
    { onPoolError: () => {} },
  );
  return new PrismaClient({
    adapter,
    // Under a burst of writes, wait for a pooled connection rather than fail after 2 s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    // Every query as an event (tests count them).
    ...(opts.logQueries ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  });
}

/** The table and the kind of statement of a query, from its SQL. */
export function describeQuery(sql: string): { model: string | null; operation: string } {
  const operation = (/^\s*(?:WITH\b[\s\S]*?\)\s*)?(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK|DEALLOCATE)\b/i.exec(sql)?.[1] ?? sql.trim().split(/\s+/)[0] ?? '').toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/i.exec(sql)?.[1] ?? null;
  return { model: table, operation };
}

const globalForPrisma = globalThis as unknown as { yilunPrisma?: PrismaClient };

/** The process-wide client for DATABASE_URL, created on first use. */
export function db(): PrismaClient {
  if (!globalForPrisma.yilunPrisma) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForPrisma.yilunPrisma = createPrisma(url);
    // Events after commit go out on the app's own client.
    setBusPublisher(() => globalForPrisma.yilunPrisma ?? null);
  }
  return globalForPrisma.yilunPrisma;
}
