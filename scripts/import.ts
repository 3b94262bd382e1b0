// npm run import -- FILE [--slug SLUG]
// Imports an article page of the seed's shape into DATABASE_URL, or into the embedded
// database under .data/ when DATABASE_URL is unset.
import fs from 'node:fs';
import { createPrisma } from '../lib/db/client.ts';
import { ArticlePageError, parseArticlePage } from '../lib/import/parse-article-page.ts';
import { importArticlePage } from '../lib/import/import-article.ts';
import { openDatabase } from './lib/database.ts';
import { publishNow } from '../lib/bus/bus.ts';
import { articleTag, THREAD_LIST_TAG } from '../lib/cache/tags.ts';

const args = process.argv.slice(2);
const slugAt = args.indexOf('--slug');
const slug = slugAt >= 0 ? args.splice(slugAt, 2)[1] : undefined;
const file = args[0];
if (!file) {
  console.error('usage: npm run import -- FILE [--slug SLUG]');
  process.exit(2);
}

let page;
try {
  page = parseArticlePage(fs.readFileSync(file, 'utf8'));
} catch (err) {
  if (err instanceof ArticlePageError) {
    console.error(`${file}:${err.line}: ${err.reason}\nNothing was imported.`);
    process.exit(1);
  }
  throw err;
}

const database = await openDatabase();
const prisma = createPrisma(database.url, 2);
try {
  const result = await importArticlePage(prisma, page, { slug });
  // The running app (every instance of it) shows the new thread at once.
  if (result.created) {
    const article = await prisma.article.findUniqueOrThrow({ where: { slug: result.slug }, select: { id: true } });
    await publishNow(prisma, { t: 'expire', tags: [articleTag(article.id), THREAD_LIST_TAG] });
  }
  console.log(
    result.created
      ? `imported "${page.title}" as /articles/${result.slug} with ${result.comments} comments`
      : `/articles/${result.slug} is already imported; nothing changed`,
  );
} finally {
  await prisma.$disconnect();
  await database.close();
}
