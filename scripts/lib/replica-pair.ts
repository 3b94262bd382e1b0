// A PostgreSQL primary and a streaming standby of it, made from the project's own PostgreSQL
// binaries (the embedded server's, lib/db/embedded.ts), each on a free port, in a directory
// of their own (e2e/replica.spec.ts and `npm run bench -- --replica`). The standby is a cold
// copy of the primary (a cluster shut down cleanly is a base backup) with `standby.signal`
// and `primary_conninfo`; it streams from then on, as `pg_basebackup -R` would set it up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres, type RunningDatabase } from '../../lib/db/embedded.ts';

export interface ReplicaPair {
  primary: RunningDatabase;
  standby: RunningDatabase;
  stop: () => Promise<void>;
}

function* walk(p: string): Generator<string> {
  yield p;
  if (fs.lstatSync(p).isDirectory()) for (const e of fs.readdirSync(p)) yield* walk(path.join(p, e));
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const quiet = () => {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-replica-'));
  fs.chmodSync(dir, 0o755);
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  const primaryPort = await freePort(0);
  // Made once, then stopped cleanly.
  let primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort, log: quiet });
  await primary.stop();
  const owner = fs.statSync(primaryDir);
  fs.cpSync(primaryDir, standbyDir, { recursive: true, filter: (src) => !/postmaster\.(pid|opts)$/.test(src) });
  fs.copyFileSync(`${primaryDir}.password`, `${standbyDir}.password`);
  const password = fs.readFileSync(`${primaryDir}.password`, 'utf8').trim();
  fs.writeFileSync(path.join(standbyDir, 'standby.signal'), '');
  fs.appendFileSync(path.join(standbyDir, 'postgresql.auto.conf'), `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=${password}'\nhot_standby = on\n`);
  // The primary keeps the WAL the standby has not streamed yet.
  fs.appendFileSync(path.join(primaryDir, 'postgresql.auto.conf'), `wal_keep_size = '256MB'\n`);
  for (const p of walk(standbyDir)) fs.chownSync(p, owner.uid, owner.gid);
  primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort, log: quiet });
  const standby = await startEmbeddedPostgres({ dataDir: standbyDir, port: await freePort(0), log: quiet });
  return {
    primary,
    standby,
    stop: async () => {
      await standby.stop();
      await primary.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
