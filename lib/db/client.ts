// The one Prisma client of a process. Prisma 7 runs its query compiler as Wasm and talks
// to PostgreSQL through node-postgres (@prisma/adapter-pg); no native engine is needed.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

export function createPrisma(
  connectionString: string,
  max = Number(process.env.YILUN_DB_POOL_SIZE ?? 10),
  opts: { logQueries?: boolean } = {},
): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    // A server restart makes idle connections fail; the pool drops them and reconnects
    // on the next query. Without a listener the error would end the process.
    { onPoolError: () => {} },
  );
  return new PrismaClient({
    adapter,
    // Under a burst of writes, wait for a pooled connection rather than fail after 2 s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    ...(opts.logQueries ? { log: [{ emit: 'event', level: 'query' }] } : {}),
  });
}

const globalForPrisma = globalThis as unknown as { yilunPrisma?: PrismaClient };

/** The process-wide client for DATABASE_URL, created on first use. */
export function db(): PrismaClient {
  if (!globalForPrisma.yilunPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForPrisma.yilunPrisma = createPrisma(url);
  }
  return globalForPrisma.yilunPrisma;
}
