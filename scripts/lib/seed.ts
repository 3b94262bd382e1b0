import fs from 'node:fs';
import path from 'node:path';
import { createPrisma } from '../../lib/db/client.ts';
import { importArticlePage } from '../../lib/import/import-article.ts';
import { parseArticlePage } from '../../lib/import/parse-article-page.ts';
import { projectRoot } from './database.ts';

export const seedDir = path.join(projectRoot, 'prisma/seed');

/** Imports the shipped article pages when the database has no articles yet. */
export async function seedIfEmpty(url: string, log: (m: string) => void = console.log) {
  const prisma = createPrisma(url, 2);
  try {
    if (await prisma.article.count()) return;
    for (const file of fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()) {
      const page = parseArticlePage(fs.readFileSync(path.join(seedDir, file), 'utf8'));
      const result = await importArticlePage(prisma, page);
      log(`seeded /articles/${result.slug} (${result.comments} comments) from prisma/seed/${file}`);
    }
  } finally {
    await prisma.$disconnect();
  }
}
