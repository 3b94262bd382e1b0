// Imports a parsed article page in one transaction (bulk statements): the article, its commenters as members
// who cannot sign in, the comments and replies with their like counts. Importing the same
// article again changes nothing.
import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
import { displayNameSkeleton, usernameKey } from '../users/username.ts';
import type { ParsedArticlePage } from './parse-article-page.ts';

export interface ImportResult {
  slug: string;
  created: boolean;
  comments: number;
}

/** Stable slug for an article: the same site and title always give the same slug. */
export function articleSlug(site: string, title: string): string {
  return crypto.createHash('sha256').update(`${site}\n${title}`).digest('hex').slice(0, 12);
}

/** Imported names become usernames as they are, with white space made into `_`. */
function importedUsername(name: string): string {
  return name.trim().replace(/\s+/g, '_').slice(0, 32);
}

/**
 * A bounded number of statements whatever the page's size: the commenters in one query and
 * one insert, the article, the top-level comments and the replies in one insert each
 * (10 000 comments import in about a second).
 */
export async function importArticlePage(
  prisma: PrismaClient,
  page: ParsedArticlePage,
  opts: { slug?: string } = {},
): Promise<ImportResult> {
  const slug = opts.slug ?? articleSlug(page.site, page.title);
  const all = page.comments.flatMap((c) => [c, ...c.replies]);
  const times = all.map((c) => c.createdAt.getTime());
  const earliest = times.reduce((a, b) => Math.min(a, b), Infinity);
  const latest = times.reduce((a, b) => Math.max(a, b), -Infinity);

  const result = await prisma.$transaction(
    async (tx) => {
      const existing = await tx.article.findUnique({ where: { slug }, select: { id: true } });
      if (existing) return { slug, created: false, comments: 0, articleId: null };
      const members = await importMembers(tx, page.site, [...new Set(all.map((c) => c.name))]);

      const article = await tx.article.create({
        data: {
          slug,
          title: page.title,
          summary: page.paragraphs[0]?.slice(0, 140) ?? '',
          paragraphs: page.paragraphs,
          sourceSite: page.site,
          // The page gives no publication time; the first comment is the latest it can be.
          publishedAt: new Date(times.length ? earliest : Date.now()),
          lastActivityAt: new Date(times.length ? latest : Date.now()),
          commentCount: all.length,
        },
        select: { id: true },
      });

      // Ids are taken from the sequence first, so that replies can name their parents.
      const ids = await tx.$queryRaw<{ id: number }[]>`
        SELECT nextval(pg_get_serial_sequence('comments', 'id'))::int AS id FROM generate_series(1, ${page.comments.length}::int)`;
      const topIds = ids.map((r) => r.id);
      await tx.$executeRaw`
        INSERT INTO comments (id, article_id, author_id, body, created_at, like_count, base_like_count, reply_count, thread_reply_count, source_position)
        SELECT id, ${article.id}, author_id, body, created_at, likes, likes, replies, replies, position - 1
        FROM unnest(${topIds}::int[], ${page.comments.map((c) => members.get(c.name)!)}::int[], ${page.comments.map((c) => c.body)}::text[],
                    ${page.comments.map((c) => c.createdAt)}::timestamptz[], ${page.comments.map((c) => c.likes)}::int[],
                    ${page.comments.map((c) => c.replies.length)}::int[]) WITH ORDINALITY
             AS t(id, author_id, body, created_at, likes, replies, position)`;
      const replies = page.comments.flatMap((c, i) => c.replies.map((r) => ({ ...r, parentId: topIds[i] })));
      if (replies.length) {
        await tx.$executeRaw`
          INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, created_at)
          SELECT ${article.id}, author_id, parent_id, parent_id, 1, body, created_at
          FROM unnest(${replies.map((r) => members.get(r.name)!)}::int[], ${replies.map((r) => r.parentId)}::int[],
                      ${replies.map((r) => r.body)}::text[], ${replies.map((r) => r.createdAt)}::timestamptz[])
               AS t(author_id, parent_id, body, created_at)`;
      }
      return { slug, created: true, comments: all.length, articleId: article.id };
    },
    { timeout: 120_000 },
  );
  // The import runs from the command line, outside the app: the app's cached thread list,
  // and a cached "not found" at this address, are re-rendered within a minute (app/cached).
  if (result.articleId !== null) await analyzeComments(prisma);
  return { slug: result.slug, created: result.created, comments: result.comments };
}

/** Fresh statistics after a bulk load keep the page queries on their indexes. */
async function analyzeComments(prisma: PrismaClient) {
  await prisma.$executeRaw`ANALYZE comments`;
}

/**
 * One member per distinct name from this site; a name seen in an earlier import from the
 * same site is the same member. New names become usernames, with `_2`, `_3` … where the
 * name is taken.
 */
export async function importMembers(tx: Tx, site: string, names: string[]): Promise<Map<string, number>> {
  const members = new Map<string, number>();
  const found = await tx.user.findMany({ where: { importedFrom: site, displayName: { in: names } }, select: { id: true, displayName: true }, orderBy: { id: 'asc' } });
  for (const u of found) if (!members.has(u.displayName)) members.set(u.displayName, u.id);
  const fresh = names.filter((n) => !members.has(n));
  if (!fresh.length) return members;

  const chosen = new Map<string, string>(); // name → username
  const taken = new Set<string>();
  let pending = fresh.map((name) => ({ name, n: 1 }));
  while (pending.length) {
    const candidate = (p: { name: string; n: number }) => (p.n === 1 ? importedUsername(p.name) : `${importedUsername(p.name).slice(0, 28)}_${p.n}`);
    const keys = pending.map((p) => usernameKey(candidate(p)));
    const rows = await tx.user.findMany({ where: { usernameKey: { in: keys } }, select: { usernameKey: true } });
    for (const r of rows) taken.add(r.usernameKey);
    const next: typeof pending = [];
    for (const p of pending) {
      const key = usernameKey(candidate(p));
      if (taken.has(key)) next.push({ name: p.name, n: p.n + 1 });
      else {
        taken.add(key);
        chosen.set(p.name, candidate(p));
      }
    }
    pending = next;
  }
  const usernames = fresh.map((n) => chosen.get(n)!);
  const created = await tx.$queryRaw<{ id: number; display_name: string }[]>`
    INSERT INTO users (username, username_key, display_name, display_name_skeleton, imported_from)
    SELECT username, username_key, display_name, display_name_skeleton, ${site}
    FROM unnest(${usernames}::text[], ${usernames.map(usernameKey)}::text[], ${fresh}::text[], ${fresh.map(displayNameSkeleton)}::text[]) AS t(username, username_key, display_name, display_name_skeleton)
    RETURNING id, display_name`;
  for (const u of created) members.set(u.display_name, u.id);
  return members;
}
