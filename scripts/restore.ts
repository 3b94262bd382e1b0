// npm run restore -- FILE [--force] — restores a backup into an empty database (or a fresh
// .data/); a database that holds anything is left alone unless --force.
import path from 'node:path';
import { restore, RestoreRefused } from '../lib/db/backup.ts';
import { logger } from '../lib/log.ts';
import { openDatabase } from './lib/database.ts';

const args = process.argv.slice(2).filter((a) => a !== '--');
const force = args.includes('--force');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run restore -- FILE [--force]');
  process.exit(2);
}
const database = await openDatabase((m) => logger.info(m), { prepare: false });
try {
  const result = await restore(database.directUrl, path.resolve(file), { force });
  const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
  logger.info({ rows: result.rows, ms: result.ms, migrationsAfter: result.migrationsAfter }, `restored ${total} rows from ${file} in ${result.ms} ms`);
} catch (err) {
  if (err instanceof RestoreRefused) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    logger.error({ err }, 'restore failed');
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
