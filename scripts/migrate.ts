// npm run db:migrate — applies pending migrations to DIRECT_URL, else DATABASE_URL (like `prisma migrate deploy`).
import { migrate } from '../lib/db/migrate.ts';
import { env } from '../lib/env.ts';

const url = env().DIRECT_URL ?? env().DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (npm start migrates the embedded database by itself)');
  process.exit(2);
}
const applied = await migrate(url);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
