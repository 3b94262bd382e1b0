// Every connection a process holds to PostgreSQL, counted in one number: YILUN_DB_POOL_SIZE
// is what one process (one worker) may open, all pools together. Its shares:
//   bus     1  the LISTEN connection (lib/bus/bus.ts)
//   health  1  "is the database there?" (lib/db/health.ts)
//   shell   ¼  the members' shared pages' one read (lib/cache/member-shell.ts), 1 to 4
//   main       the rest: Prisma's pool, for everything else
// A deployment sizes PostgreSQL's max_connections (or PgBouncer's pool) as processes × this.
// A replica (DATABASE_REPLICA_URL) is another server: each process opens up to `main` there.
import { env } from '../env.ts';

export interface PoolShares {
  main: number;
  shell: number;
  health: number;
  bus: number;
}

export function poolShares(total: number = env().YILUN_DB_POOL_SIZE): PoolShares {
  const bus = 1;
  const health = 1;
  const shell = Math.max(1, Math.min(4, Math.floor(total / 4)));
  const main = Math.max(1, total - bus - health - shell);
  return { main, shell, health, bus };
}

/** How each connection names itself to PostgreSQL (pg_stat_activity.application_name). */
export const applicationName = (part: keyof PoolShares | 'replica') => `yilun:${process.pid}:${part}`;
