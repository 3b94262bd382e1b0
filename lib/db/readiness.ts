import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { databaseReachable } from './health.ts';
import { db } from './client.ts';
import { busHealth } from '../bus/bus.ts';

/** The migrations this build expects (prisma/migrations, read once). */
let expected: string[] | null = null;
const expectedMigrations = () =>
  (expected ??= fs
    .readdirSync(path.join(process.cwd(), 'prisma/migrations'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_/.test(d.name))
    .map((d) => d.name)
    .sort());

/**
 * Ready to serve: the database answers, every migration this build has is applied, and the
 * bus hears this process's own probe (else other processes' changes never reach it).
 */
export async function readiness(): Promise<{ ready: true } | { ready: false; reason: string; missing?: string[]; since?: string }> {
  if (!(await databaseReachable())) return { ready: false, reason: 'database_unreachable' };
  const silent = busHealth().silentSince;
  if (silent !== null) return { ready: false, reason: 'bus_silent', since: new Date(silent).toISOString() };
  try {
    const rows = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const missing = expectedMigrations().filter((m) => !applied.has(m));
    return missing.length ? { ready: false, reason: 'migrations_pending', missing } : { ready: true };
  } catch {
    return { ready: false, reason: 'database_unreachable' };
  }
}
