// A cheap, cached answer to "is the database reachable?", so that an outage shows a 503
// page instead of a crash, and the site comes back by itself when the database does.
import { env } from '../env.ts';
import pg from 'pg';
import { applicationName, poolShares } from './pools.ts';

const CHECK_EVERY_MS = 1_000;
let last: { at: number; ok: boolean } | null = null;
let inFlight: Promise<boolean> | null = null;

function healthPool(): pg.Pool {
  // One per process, whichever bundle asks (the proxy's and the routes' each load this module).
  const g = globalThis as unknown as { yilunHealthPool?: pg.Pool };
  if (!g.yilunHealthPool) {
    const pool = (g.yilunHealthPool = new pg.Pool({ connectionString: env().DATABASE_URL, max: poolShares().health, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 10_000, application_name: applicationName('health') }));
    pool.on('error', () => {}); // an idle connection dropped by a restarting server
  }
  return g.yilunHealthPool;
}

export async function databaseReachable(): Promise<boolean> {
  if (last && Date.now() - last.at < CHECK_EVERY_MS) return last.ok;
  inFlight ??= healthPool()
    .query('SELECT 1')
    .then(() => true, () => false)
    .then((ok) => {
      last = { at: Date.now(), ok };
      inFlight = null;
      return ok;
    });
  return inFlight;
}
