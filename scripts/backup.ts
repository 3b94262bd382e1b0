// npm run backup [-- FILE] — a consistent backup of the forum's database while it serves
// (the embedded one, or DATABASE_URL), to FILE or backups/yilun-<time>.backup.gz.
import fs from 'node:fs';
import path from 'node:path';
import { backup } from '../lib/db/backup.ts';
import { logger } from '../lib/log.ts';
import { openDatabase, projectRoot } from './lib/database.ts';

const arg = process.argv.slice(2).find((a) => a !== '--');
const file = path.resolve(arg ?? path.join(projectRoot, 'backups', `yilun-${new Date().toISOString().replace(/[:.]/g, '-')}.backup.gz`));
fs.mkdirSync(path.dirname(file), { recursive: true });
const database = await openDatabase((m) => logger.info(m));
try {
  const result = await backup(database.directUrl, file);
  const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
  logger.info({ file: result.file, rows: result.rows, bytes: result.bytes, ms: result.ms }, `backup written: ${result.file} (${total} rows, ${result.bytes} bytes, ${result.ms} ms)`);
  console.log(result.file);
} catch (err) {
  logger.error({ err }, 'backup failed');
  process.exitCode = 1;
} finally {
  await database.close();
}
