// The role the app connects as on the embedded PostgreSQL: not the superuser, but the owner of
// the forum's database and schema (so migrations and the app can do all they need there, and
// nothing else). Its password is random and kept beside the cluster, as the superuser's is.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { withDatabase } from './embedded.ts';
import { withPgClient } from './with-client.ts';

export const APP_ROLE = 'yilun_app';

/** Makes (or updates) the app's role, gives it the database and everything in its schema. */
export async function ensureAppRole(superuserUrl: string, database: string, passwordFile: string, role = APP_ROLE): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`not a role name: ${role}`);
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  if (!/^[0-9a-f]{48}$/.test(password)) throw new Error(`${passwordFile} does not hold a password this app made`);
  await withPgClient(withDatabase(superuserUrl, database), async (c) => {
    await c.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN; END IF;
    END $$`);
    await c.query(`ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
    await c.query(`ALTER DATABASE "${database.replace(/"/g, '""')}" OWNER TO ${role}`);
    await c.query(`ALTER SCHEMA public OWNER TO ${role}`);
    // What the superuser made before (tables with their sequences, enum types) moves over.
    await c.query(`DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '${role}' LOOP
        EXECUTE format('ALTER TABLE public.%I OWNER TO ${role}', r.tablename);
      END LOOP;
      FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
               WHERE n.nspname = 'public' AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> '${role}' LOOP
        EXECUTE format('ALTER TYPE public.%I OWNER TO ${role}', r.typname);
      END LOOP;
    END $$`);
  });
  const url = new URL(withDatabase(superuserUrl, database));
  url.username = role;
  url.password = password;
  return url.toString();
}
