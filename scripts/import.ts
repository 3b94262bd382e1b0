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

// Progress on stderr (a line per step with its time), the summary on stdout.
const started = performance.now();
const step = (what: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${what}\n`);
let page;
try {
  const text = fs.readFileSync(file, 'utf8');
  step(`read ${file} (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB)`);
  page = parseArticlePage(text);
  const replies = page.comments.reduce((n, c) => n + c.replies.length, 0);
  step(`parsed "${page.title}": ${page.comments.length} comments, ${replies} replies, ${new Set(page.comments.flatMap((c) => [c.name, ...c.replies.map((r) => r.name)])).size} commenters`);
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
  step('writing in one transaction…');
  const result = await importArticlePage(prisma, page, { slug });
  const seconds = (performance.now() - started) / 1000;
  step(`done in ${seconds.toFixed(1)} s${result.created ? ` (${Math.round(result.comments / Math.max(seconds, 0.001))} comments/s)` : ''}`);
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
