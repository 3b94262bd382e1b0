// Backups with PostgreSQL's own documented means, since the embedded package has no pg_dump
// (docs/decisions/004-backups.md): every table is read with COPY … TO STDOUT inside one
// REPEATABLE READ READ ONLY transaction, so the backup is one consistent snapshot while the
// forum keeps serving and writing; a restore builds the schema with the backup's migrations,
// loads each table with COPY … FROM STDIN, sets the sequences, then applies newer migrations.
//
// The file (gzip): a first line `YILUN-BACKUP 1 {json header}`; for each table a line
// `TABLE {"name","columns"}`, its rows in COPY's text format (one line each) and `\.`; and a
// last line `END {"rows": {table: count}}`. A file without its END line is refused.
import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Writable } from 'node:stream';
import zlib from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrate, readMigrations } from './migrate.ts';

const MAGIC = 'YILUN-BACKUP 1';
const SKIP = new Set(['_prisma_migrations']);
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface TableInfo {
  name: string;
  columns: string[];
  key: string[];
}

/** The public schema's tables, parents before children (by foreign keys), with their columns and keys. */
async function tables(client: pg.Client): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; key: string[] | null }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns,
           (SELECT array_agg(k.attname::text ORDER BY array_position(i.indkey, k.attnum))
              FROM pg_index i JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = ANY(i.indkey)
             WHERE i.indrelid = c.oid AND i.indisprimary) AS key
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind = 'r'
    GROUP BY c.oid, c.relname`);
  const { rows: fks } = await client.query<{ child: string; parent: string }>(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`);
  const strip = (s: string) => s.replace(/^"|"$/g, '');
  const parents = new Map<string, Set<string>>(rows.map((r) => [r.name, new Set<string>()]));
  for (const f of fks) parents.get(strip(f.child))?.add(strip(f.parent));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const byName = new Map(rows.map((r) => [r.name, r]));
  const place = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const p of [...(parents.get(name) ?? [])].sort()) place(p, path);
    placed.add(name);
    const r = byName.get(name)!;
    ordered.push({ name, columns: r.columns, key: r.key ?? r.columns });
  };
  for (const name of [...byName.keys()].sort()) place(name, new Set());
  return ordered.filter((t) => !SKIP.has(t.name));
}

export interface BackupResult {
  file: string;
  rows: Record<string, number>;
  bytes: number;
  ms: number;
}

/** Writes a consistent backup of the database at `url` to `file`. */
export async function backup(url: string, file: string, opts: { onSnapshot?: (snapshotId: string) => Promise<void> } = {}): Promise<BackupResult> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tmp = `${file}.partial`;
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  const written = pipeline(gzip, out);
  const write = async (s: string | Buffer) => {
    if (!gzip.write(s)) await once(gzip, 'drain');
  };
  const rows: Record<string, number> = {};
  try {
    // One snapshot for every table: what the backup holds is the forum at one instant.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Another session may look at exactly what this backup sees (the restore drill does).
    if (opts.onSnapshot) await opts.onSnapshot((await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id);
    const migrations = (await client.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name')).rows.map((r) => r.migration_name);
    const list = await tables(client);
    const { rows: info } = await client.query<{ at: Date; version: string }>('SELECT now() AS at, current_setting(\'server_version\') AS version');
    await write(`${MAGIC} ${JSON.stringify({ takenAt: info[0].at.toISOString(), serverVersion: info[0].version, migrations })}\n`);
    for (const t of list) {
      await write(`TABLE ${JSON.stringify({ name: t.name, columns: t.columns })}\n`);
      const cols = t.columns.map(ident).join(', ');
      // In key order, so that a row's parent (comments answering comments) comes before it.
      const stream = client.query(copyTo(`COPY (SELECT ${cols} FROM ${ident(t.name)} ORDER BY ${t.key.map(ident).join(', ')}) TO STDOUT`));
      // Split on newline bytes (never part of a multi-byte character): a row is one line.
      let count = 0;
      let tail: Buffer = Buffer.alloc(0);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const data: Buffer = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        const end = data.lastIndexOf(0x0a);
        if (end < 0) {
          tail = data;
          continue;
        }
        for (let i = data.indexOf(0x0a); i !== -1 && i <= end; i = data.indexOf(0x0a, i + 1)) count++;
        await write(data.subarray(0, end + 1));
        tail = data.subarray(end + 1);
      }
      if (tail.length) {
        count++;
        await write(Buffer.concat([tail, Buffer.from('\n')]));
      }
      rows[t.name] = count;
      await write('\\.\n');
    }
    await write(`END ${JSON.stringify({ rows })}\n`);
    await client.query('COMMIT');
    gzip.end();
    await written;
    fs.renameSync(tmp, file);
  } catch (err) {
    gzip.destroy();
    await written.catch(() => {});
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    await client.end();
  }
  return { file, rows, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started) };
}

export class RestoreRefused extends Error {}

/** Whether the database holds any table of its own (a forum, or anything else). */
export async function isEmptyDatabase(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'S') LIMIT 1`);
    return rows.length === 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores `file` into the database at `url`, which must be empty unless `force` (then its
 * public schema is emptied first). Everything happens in one transaction after the schema is
 * built: a restore that fails leaves no half-restored forum.
 */
export async function restore(url: string, file: string, opts: { force?: boolean } = {}): Promise<{ rows: Record<string, number>; ms: number; migrationsAfter: string[] }> {
  const started = performance.now();
  if (!fs.existsSync(file)) throw new RestoreRefused(`${file}: no such file`);
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done || !first.value.startsWith(`${MAGIC} `)) throw new RestoreRefused(`${file}: not a Yilun backup`);
  const header = JSON.parse(first.value.slice(MAGIC.length + 1)) as { migrations: string[]; takenAt: string };
  const known = new Set(readMigrations().map((m) => m.name));
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length) throw new RestoreRefused(`${file} was taken by a newer Yilun (migrations ${unknown.join(', ')}): restore it with that version`);
  if (!(await isEmptyDatabase(url))) {
    if (!opts.force) throw new RestoreRefused('the database is not empty: restore into an empty database, or add --force to replace what it holds');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    } finally {
      await c.end();
    }
  }
  // The schema as it was when the backup was taken.
  await migrate(url, undefined, { only: new Set(header.migrations) });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    let line = await it.next();
    let ended = false;
    while (!line.done) {
      if (line.value.startsWith('END ')) {
        const end = JSON.parse(line.value.slice(4)) as { rows: Record<string, number> };
        for (const [t, n] of Object.entries(end.rows)) if (rows[t] !== n) throw new RestoreRefused(`${file}: table ${t} has ${rows[t] ?? 0} rows, the backup says ${n}`);
        ended = true;
        break;
      }
      if (!line.value.startsWith('TABLE ')) throw new RestoreRefused(`${file}: damaged (expected a table)`);
      const t = JSON.parse(line.value.slice(6)) as { name: string; columns: string[] };
      const sink: Writable = client.query(copyFrom(`COPY ${ident(t.name)} (${t.columns.map(ident).join(', ')}) FROM STDIN`));
      const feed = new PassThrough();
      const done = pipeline(feed, sink);
      let count = 0;
      for (line = await it.next(); !line.done && line.value !== '\\.'; line = await it.next()) {
        count++;
        if (!feed.write(`${line.value}\n`)) await once(feed, 'drain');
      }
      feed.end();
      await done;
      rows[t.name] = count;
      line = await it.next();
    }
    if (!ended) throw new RestoreRefused(`${file}: incomplete (no END line): the backup did not finish`);
    // Sequences continue after the highest id restored.
    await client.query(`
      DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT c.relname AS t, a.attname AS col, pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                 WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL LOOP
          EXECUTE format('SELECT setval(%L, coalesce((SELECT max(%I) FROM %I), 0) + 1, false)', r.seq, r.col, r.t);
        END LOOP;
      END $$`);
    await client.query('COMMIT');
  } catch (err) {
    // No half-restored forum: the database is left empty, as it was found (or as --force made it).
    await client.query('ROLLBACK').catch(() => {});
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public').catch(() => {});
    throw err;
  } finally {
    await client.end();
    lines.close();
  }
  // Then whatever this version added since.
  const migrationsAfter = await migrate(url);
  return { rows, ms: Math.round(performance.now() - started), migrationsAfter };
}
