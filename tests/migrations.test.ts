import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, migrationsDir, readMigrations } from '../lib/db/migrate.ts';
import { freshDatabase } from './support/db.ts';

describe('migrations', async () => {
  // The template is already migrated; this database starts from a copy of it, so drop the
  // schema to see a first deploy.
  const { url } = await freshDatabase();

  it('apply to an empty database and record themselves as `prisma migrate deploy` does', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    const applied = await migrate(url);
    expect(applied).toEqual(readMigrations().map((m) => m.name));
    const { rows } = await client.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await migrate(url)).toEqual([]);
    await client.end();
  });

  it('match prisma/schema.prisma: the last migrated schema is the current one', () => {
    // `npm run db:new-migration -- NAME` writes the snapshot with each migration; a schema
    // edited without a migration fails here.
    const schema = fs.readFileSync(path.join(migrationsDir, '../schema.prisma'), 'utf8');
    const snapshot = fs.readFileSync(path.join(migrationsDir, 'schema.snapshot.prisma'), 'utf8');
    expect(snapshot).toBe(schema);
  });
});
