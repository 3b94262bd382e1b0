import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI insists on a native schema engine binary it would download; there is no
// network here. generate/validate/format only check that the file exists, so point them
// at a stub. Migrations are created and applied by scripts/ (docs/decisions/001).
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(import.meta.dirname, 'prisma/engine-stub/schema-engine');
}
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DIRECT_URL ?? process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
