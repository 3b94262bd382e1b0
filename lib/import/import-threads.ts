// Writes threads read from another system (lib/import/foreign.ts): a thread per page address
// (a site's page when `site` is given, so that its embed finds it; else a thread of the forum
// with the address as its source), its commenters as members who cannot sign in (one per name
// per source, as the seed's importer does), its comments with their parents, times and likes.
// Idempotent: a comment is known by its external id, a thread by its address, so a second run
// of the same file adds nothing. Each comment row is written once, with its reply counters
// (an update would recompute its search vector); each thread's count is taken from its rows.
// Bulk statements in chunks: 100 000 comments in seconds.
import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { canonicalPageUrl } from '../embed/canonical-url.ts';
import type { Site } from '../embed/site-lookup.ts';
import { importMembers } from './import-article.ts';
import type { ForeignThread } from './foreign.ts';

export interface ThreadsImportResult {
  threads: number;
  threadsCreated: number;
  comments: number;
  commentsCreated: number;
  skipped: number;
  articleIds: number[];
}

const CHUNK = 5_000;

/** The slug of an imported page's thread: the same address always gives the same slug. */
export const pageSlug = (site: Site | null, url: string) => `${site ? site.id : 'import'}-${crypto.createHash('sha256').update(url).digest('hex').slice(0, 12)}`;

export async function importThreads(
  prisma: PrismaClient,
  source: 'disqus' | 'wordpress',
  input: ForeignThread[],
  opts: { site?: Site | null; progress?: (what: string) => void } = {},
): Promise<ThreadsImportResult> {
  const site = opts.site ?? null;
  const progress = opts.progress ?? (() => {});
  // One thread per canonical address (an export may name one page twice).
  const byUrl = new Map<string, ForeignThread>();
  let skipped = 0;
  for (const t of input) {
    const url = canonicalPageUrl(t.url, site?.keepParams ?? []);
    if (!url || (site && !site.origins.includes(new URL(url).origin))) {
      skipped += t.comments.length;
      continue;
    }
    const held = byUrl.get(url);
    if (held) held.comments.push(...t.comments);
    else byUrl.set(url, { ...t, url, comments: [...t.comments] });
  }
  const threads = [...byUrl.values()];
  const total = threads.reduce((n, t) => n + t.comments.length, 0);

  return prisma.$transaction(
    async (tx) => {
      // Threads: found by slug, the missing ones made in one statement.
      const slugs = threads.map((t) => pageSlug(site, t.url));
      const found = await tx.article.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
      const ids = new Map(found.map((a) => [a.slug, a.id]));
      const fresh = threads.filter((t) => !ids.has(pageSlug(site, t.url)));
      for (let i = 0; i < fresh.length; i += CHUNK) {
        const part = fresh.slice(i, i + CHUNK);
        const times = part.map((t) => t.createdAt ?? new Date(t.comments.reduce((m, c) => Math.min(m, c.createdAt.getTime()), Date.now())));
        const made = await tx.$queryRaw<{ id: number; slug: string }[]>`
          INSERT INTO articles (slug, title, summary, paragraphs, source_site, source_url, site_id, page_url, published_at, last_activity_at)
          SELECT slug, left(title, 200), '', '{}', ${site?.name ?? source}, url, ${site?.id ?? null}, CASE WHEN ${site !== null} THEN url END, at, at
          FROM unnest(${part.map((t) => pageSlug(site, t.url))}::text[], ${part.map((t) => t.title)}::text[], ${part.map((t) => t.url)}::text[], ${times}::timestamptz[])
               AS t(slug, title, url, at)
          ON CONFLICT DO NOTHING
          RETURNING id, slug`;
        for (const a of made) ids.set(a.slug, a.id);
      }
      progress(`threads: ${threads.length} (${fresh.length} new)`);

      // Comments already here (an earlier run of this file) are left as they are.
      const articleIds = threads.map((t) => ids.get(pageSlug(site, t.url))!).filter((id) => id !== undefined);
      const known = new Map<string, number>();
      const existing = await tx.$queryRaw<{ id: number; external_id: string }[]>`
        SELECT id, external_id FROM comments WHERE article_id = ANY(${articleIds}::int[]) AND external_id IS NOT NULL`;
      for (const r of existing) known.set(r.external_id, r.id);

      const members = await importMembers(tx, source, [...new Set(threads.flatMap((t) => t.comments.filter((c) => !known.has(c.externalId)).map((c) => c.author)))]);
      progress(`commenters: ${members.size}`);

      // New comments: ids from the sequence first, so that replies can name their parents; in
      // thread order, parents before their replies.
      type Row = { id: number; articleId: number; authorId: number; parentId: number | null; rootId: number | null; depth: number; body: string; createdAt: Date; likes: number; held: boolean; externalId: string };
      const rows: Row[] = [];
      const newOnes = threads.flatMap((t) => t.comments.filter((c) => !known.has(c.externalId)).map((c) => ({ c, articleId: ids.get(pageSlug(site, t.url))! })));
      const seq = newOnes.length
        ? await tx.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('comments', 'id'))::int AS id FROM generate_series(1, ${newOnes.length}::int)`
        : [];
      newOnes.forEach(({ c }, i) => known.set(c.externalId, seq[i].id));
      const newIds = new Set(seq.map((s) => s.id));
      const placed = new Map<number, { rootId: number | null; depth: number }>();
      // Where existing parents sit (a reply added to an earlier import's comment).
      const parentsNeeded = [...new Set(newOnes.map(({ c }) => (c.parentExternalId ? known.get(c.parentExternalId) : undefined)).filter((id): id is number => id !== undefined && !newIds.has(id)))];
      if (parentsNeeded.length) {
        for (const p of await tx.$queryRaw<{ id: number; root_id: number | null; depth: number }[]>`SELECT id, root_id, depth FROM comments WHERE id = ANY(${parentsNeeded}::int[])`) placed.set(p.id, { rootId: p.root_id, depth: p.depth });
      }
      const pending = newOnes.map(({ c, articleId }) => ({ c, articleId, id: known.get(c.externalId)! }));
      // Parents first: a reply is placed once its parent is.
      let rest = pending;
      while (rest.length) {
        const next: typeof pending = [];
        for (const p of rest) {
          const parentId = p.c.parentExternalId ? (known.get(p.c.parentExternalId) ?? null) : null;
          if (parentId !== null && !placed.has(parentId)) {
            next.push(p);
            continue;
          }
          const parent = parentId !== null ? placed.get(parentId)! : null;
          const rootId = parent ? (parent.rootId ?? parentId) : null;
          const depth = parent ? parent.depth + 1 : 0;
          placed.set(p.id, { rootId, depth });
          rows.push({ id: p.id, articleId: p.articleId, authorId: members.get(p.c.author)!, parentId, rootId, depth, body: p.c.body, createdAt: p.c.createdAt, likes: p.c.likes, held: p.c.held, externalId: p.c.externalId });
        }
        // A cycle of parents in the file: what is left becomes top-level.
        if (next.length === rest.length) {
          for (const p of next) p.c.parentExternalId = null;
        }
        rest = next;
      }
      // Reply counters from the tree in memory (visible replies), so that no comment row is
      // written twice: a row's update would recompute its search vector and index entries.
      const replies = new Map<number, number>();
      const threadReplies = new Map<number, number>();
      for (const r of rows) {
        if (r.held || r.parentId === null) continue;
        replies.set(r.parentId, (replies.get(r.parentId) ?? 0) + 1);
        threadReplies.set(r.rootId!, (threadReplies.get(r.rootId!) ?? 0) + 1);
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await tx.$executeRaw`
          INSERT INTO comments (id, article_id, author_id, parent_id, root_id, depth, body, status, created_at, like_count, base_like_count, external_id, reply_count, thread_reply_count)
          SELECT id, article_id, author_id, parent_id, root_id, depth, body, status::"CommentStatus", created_at, likes, likes, external_id, replies, thread_replies
          FROM unnest(${part.map((r) => r.id)}::int[], ${part.map((r) => r.articleId)}::int[], ${part.map((r) => r.authorId)}::int[],
                      ${part.map((r) => r.parentId)}::int[], ${part.map((r) => r.rootId)}::int[], ${part.map((r) => r.depth)}::int[],
                      ${part.map((r) => r.body)}::text[], ${part.map((r) => (r.held ? 'held' : 'visible'))}::text[], ${part.map((r) => r.createdAt)}::timestamptz[],
                      ${part.map((r) => r.likes)}::int[], ${part.map((r) => r.externalId)}::text[],
                      ${part.map((r) => replies.get(r.id) ?? 0)}::int[], ${part.map((r) => (r.depth === 0 ? (threadReplies.get(r.id) ?? 0) : 0))}::int[])
               AS t(id, article_id, author_id, parent_id, root_id, depth, body, status, created_at, likes, external_id, replies, thread_replies)`;
        progress(`comments: ${Math.min(i + CHUNK, rows.length)} / ${rows.length}`);
      }
      // Comments of an earlier run that got new replies in this one.
      const older = [...new Set([...replies.keys(), ...threadReplies.keys()])].filter((id) => !newIds.has(id));
      if (older.length) {
        await tx.$executeRaw`
          UPDATE comments c SET reply_count = c.reply_count + t.r, thread_reply_count = c.thread_reply_count + t.tr
          FROM unnest(${older}::int[], ${older.map((id) => replies.get(id) ?? 0)}::int[], ${older.map((id) => threadReplies.get(id) ?? 0)}::int[]) AS t(id, r, tr)
          WHERE c.id = t.id`;
      }
      // Each thread's count and last activity, from its rows.
      if (articleIds.length) {
        await tx.$executeRaw`
          UPDATE articles a SET comment_count = s.n, last_activity_at = greatest(a.last_activity_at, coalesce(s.latest, a.last_activity_at))
          FROM (SELECT a2.id, count(c.id) FILTER (WHERE c.status = 'visible') AS n, max(c.created_at) AS latest
                FROM articles a2 LEFT JOIN comments c ON c.article_id = a2.id WHERE a2.id = ANY(${articleIds}::int[]) GROUP BY a2.id) s
          WHERE a.id = s.id AND (a.comment_count, a.last_activity_at) IS DISTINCT FROM (s.n, greatest(a.last_activity_at, coalesce(s.latest, a.last_activity_at)))`;
      }
      return { threads: threads.length, threadsCreated: fresh.length, comments: total, commentsCreated: rows.length, skipped, articleIds };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
