// The one Prisma client of a process. Prisma 7 runs its query compiler as Wasm and talks
// to PostgreSQL through node-postgres (@prisma/adapter-pg); no native engine is needed.
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { setBusPublisher } from '../bus/bus.ts';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

export const SLOW_QUERY_MS = 100;

export function createPrisma(
  connectionString: string,
  max = env().YILUN_DB_POOL_SIZE,
  opts: { logQueries?: boolean } = {},
): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    // A server restart makes idle connections fail; the pool drops them and reconnects
    // on the next query. Without a listener the error would end the process.
    { onPoolError: () => {} },
  );
  const client = new PrismaClient({
    adapter,
    // Under a burst of writes, wait for a pooled connection rather than fail after 2 s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    ...(opts.logQueries ? { log: [{ emit: 'event', level: 'query' }] } : {}),
  });
  if (opts.logQueries) return client;
  // Queries slower than SLOW_QUERY_MS are logged with their model and operation (never their
  // arguments, which may hold what members typed).
  return client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const started = performance.now();
        try {
          return await query(args);
        } finally {
          const ms = performance.now() - started;
          if (ms > SLOW_QUERY_MS) logger.warn({ model: model ?? null, operation, ms: Math.round(ms) }, 'slow query');
        }
      },
    },
  }) as unknown as PrismaClient;
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
