// The database a command works on: DATABASE_URL when set, otherwise the embedded
// PostgreSQL under .data/ (started here, stopped by close()). Pending migrations are
// applied either way.
import path from 'node:path';
import { startEmbeddedPostgres } from '../../lib/db/embedded.ts';
import { env } from '../../lib/env.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { withPgClient } from '../../lib/db/with-client.ts';
import { ensureAppRole } from '../../lib/db/app-role.ts';
import { createPrisma } from '../../lib/db/client.ts';
import { backfillDisplayNameSkeletons, backfillUsernameSkeletons } from '../../lib/users/backfill-skeletons.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const dataDir = path.join(projectRoot, '.data');

export interface OpenDatabase {
  url: string;
  /** The connection that needs a session (migrations, backups, the bus): DIRECT_URL, else `url`. */
  directUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function ensureDatabaseExists(serverUrl: string, name: string) {
  await withPgClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  });
}

/**
 * `prepare: false` (a restore): the database as it is, no migrations applied, nothing added.
 */
export async function openDatabase(log: (m: string) => void = console.log, opts: { prepare?: boolean } = {}): Promise<OpenDatabase> {
  let url = env().DATABASE_URL;
  let close = async () => {};
  if (!url) {
    const t = Date.now();
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), log });
    close = server.stop;
    try {
      await ensureDatabaseExists(server.url, 'yilun');
      // The app and its migrations connect as a role of their own, not as the superuser.
      url = await ensureAppRole(server.url, 'yilun', path.join(dataDir, 'postgres.app-password'));
    } catch (err) {
      await close();
      throw err;
    }
    log(`embedded PostgreSQL ready on 127.0.0.1:${server.port} in ${Date.now() - t} ms (data in .data/postgres)`);
  }
  const directUrl = (env().DATABASE_URL && env().DIRECT_URL) || url;
  if (opts.prepare === false) return { url, directUrl, embedded: !env().DATABASE_URL, close };
  try {
    // Migrations take an advisory lock for their session: never through a transaction pooler.
    const applied = await migrate(directUrl);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    const prisma = createPrisma(url, 1);
    try {
      const set = await backfillUsernameSkeletons(prisma);
      if (set) log(`recorded how ${set} usernames look (look-alike names are refused from now on)`);
      const shown = await backfillDisplayNameSkeletons(prisma);
      if (shown) log(`recorded how ${shown} display names look`);
    } finally {
      await prisma.$disconnect();
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { url, directUrl, embedded: !env().DATABASE_URL, close };
}
