// npm run import -- FILE [--slug SLUG]
// npm run import -- --from disqus|wordpress FILE.xml [--site SITE_ID]
// Imports an article page of the seed's shape, or the threads and comments of a Disqus export
// or a WordPress WXR file (lib/import/foreign.ts; with --site, as that site's pages, which its
// embed then shows), into DATABASE_URL, or into the embedded database under .data/ when
// DATABASE_URL is unset. Running the same file again adds nothing.
import fs from 'node:fs';
import { createPrisma } from '../lib/db/client.ts';
import { ArticlePageError, parseArticlePage } from '../lib/import/parse-article-page.ts';
import { importArticlePage } from '../lib/import/import-article.ts';
import { openDatabase } from './lib/database.ts';
import { publishNow } from '../lib/bus/bus.ts';
import { articleTag, THREAD_LIST_TAG } from '../lib/cache/tags.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const slug = option('--slug');
const from = option('--from');
const siteId = option('--site');
const file = args[0];
if (!file || (from !== undefined && from !== 'disqus' && from !== 'wordpress')) {
  console.error('usage: npm run import -- FILE [--slug SLUG]\n       npm run import -- --from disqus|wordpress FILE.xml [--site SITE_ID]');
  process.exit(2);
}

// Progress on stderr (a line per step with its time), the summary on stdout.
const started = performance.now();
const step = (what: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${what}\n`);
if (from) {
  await importForeign(from, file, siteId);
  process.exit(0);
}
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

async function importForeign(source: 'disqus' | 'wordpress', path: string, site: string | undefined) {
  const { ForeignFileError, parseDisqus, parseWxr } = await import('../lib/import/foreign.ts');
  const { importThreads } = await import('../lib/import/import-threads.ts');
  const { siteById } = await import('../lib/embed/site-lookup.ts');
  let threads;
  try {
    const text = fs.readFileSync(path, 'utf8');
    step(`read ${path} (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB)`);
    threads = source === 'disqus' ? parseDisqus(text) : parseWxr(text);
    step(`parsed: ${threads.length} threads, ${threads.reduce((n, t) => n + t.comments.length, 0)} comments`);
  } catch (err) {
    if (err instanceof ForeignFileError || (err instanceof Error && /XML|Unexpected|Invalid/.test(err.message))) {
      console.error(`${path}: ${err.message}\nNothing was imported.`);
      process.exit(1);
    }
    throw err;
  }
  const database = await openDatabase();
  const prisma = createPrisma(database.url, 2);
  try {
    const target = site ? await siteById(prisma, site) : null;
    if (site && !target) {
      console.error(`There is no site ${site} (admins register sites on /mod/sites).\nNothing was imported.`);
      process.exit(1);
    }
    step('writing in one transaction…');
    const result = await importThreads(prisma, source, threads, { site: target, progress: step });
    await prisma.$executeRaw`ANALYZE comments`;
    if (result.articleIds.length) await publishNow(prisma, { t: 'expire', tags: [...result.articleIds.map(articleTag), THREAD_LIST_TAG] });
    const seconds = (performance.now() - started) / 1000;
    step(`done in ${seconds.toFixed(1)} s (${Math.round(result.commentsCreated / Math.max(seconds, 0.001))} comments/s)`);
    console.log(
      `${source}: ${result.threads} threads (${result.threadsCreated} new), ${result.commentsCreated} comments imported, ${result.comments - result.commentsCreated} already here` +
        (result.skipped ? `, ${result.skipped} left out (pages outside the site's origins or not http(s))` : ''),
    );
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}
