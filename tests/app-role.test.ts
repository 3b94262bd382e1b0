// On the embedded PostgreSQL the app connects as a role of its own that owns the forum's
// database and schema, not as the superuser; what the superuser made before moves over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureAppRole } from '../lib/db/app-role.ts';
import { withDatabase } from '../lib/db/embedded.ts';
import { migrate } from '../lib/db/migrate.ts';
import { withPgClient } from '../lib/db/with-client.ts';

const server = process.env.TEST_PG_SERVER_URL!;
const role = `yilun_t_${crypto.randomBytes(4).toString('hex')}`;
const database = `${process.env.TEST_RUN_ID}_role`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-role-'));

afterAll(async () => {
  await withPgClient(server, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS ${role}`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the app role', () => {
  it('is no superuser, owns the schema and what the superuser made before, and can migrate', async () => {
    await withPgClient(server, (c) => c.query(`CREATE DATABASE "${database}"`));
    // A forum from before: the superuser made the tables.
    await migrate(withDatabase(server, database));
    const url = await ensureAppRole(server, database, path.join(dir, 'app-password'), role);
    expect(fs.statSync(path.join(dir, 'app-password')).mode & 0o077).toBe(0);
    expect(new URL(url).username).toBe(role);
    await withPgClient(url, async (c) => {
      const me = await c.query(`SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user`);
      expect(me.rows[0]).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false });
      const others = await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user`);
      expect(others.rows).toEqual([]);
      await c.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ('x', 'x', '{}', 's', now(), now())`);
      // Nothing beyond its own database: no other database, no roles.
      await expect(c.query(`CREATE DATABASE "${database}_other"`)).rejects.toThrow();
      await expect(c.query(`CREATE ROLE ${role}_x`)).rejects.toThrow();
    });
    // Running again (the next start) changes nothing and keeps the password.
    expect(await ensureAppRole(server, database, path.join(dir, 'app-password'), role)).toBe(url);
    expect(await migrate(url)).toEqual([]);
  });
});
