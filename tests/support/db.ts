// Each test file gets a database of its own, copied from the migrated template that
// `npm test` prepares, and dropped when the file is done.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createPrisma, type Db } from '../../lib/db/client.ts';
import { withDatabase } from '../../lib/db/embedded.ts';
import { withPgClient } from '../../lib/db/with-client.ts';

const serverUrl = () => {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error('run the tests with `npm test` (it prepares the test database server)');
  return url;
};

const admin = <T>(fn: (c: pg.Client) => Promise<T>) => withPgClient(serverUrl(), fn);

export interface TestDatabase {
  url: string;
  prisma: Db;
  sql: pg.Pool;
}

/** A fresh, migrated, empty database for this test file. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `${process.env.TEST_RUN_ID}_${crypto.randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_TEMPLATE_DB}"`));
  const url = withDatabase(serverUrl(), name);
  const prisma = createPrisma(url, 4);
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  afterAll(async () => {
    await prisma.$disconnect();
    await sql.end();
    await admin(async (c) => {
      // Closing connections finish on the server a moment later; forcing them would make a
      // client that is still saying goodbye throw from its socket.
      for (let i = 0; i < 40; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });
  return { url, prisma, sql };
}

/** An empty database (no schema at all), dropped when the file is done: a restore's target. */
export async function emptyDatabase(): Promise<string> {
  const name = `${process.env.TEST_RUN_ID}_empty_${crypto.randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
  return withDatabase(serverUrl(), name);
}
