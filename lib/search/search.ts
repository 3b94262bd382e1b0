// Search (issue 23). Readers find articles and visible comments of articles they can read;
// staff find every comment whatever its state (held, hidden, removed, deleted with its text),
// by state, member, thread and date. Ranked (ts_rank_cd), keyset-paged by (rank, id), over the
// GIN index on the generated search_vector columns.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import { decodeCursor, encodeCursor, zId } from '../threads/cursor.ts';
import { assertCan, type Actor } from '../policy.ts';
import { invalid } from '../errors.ts';
import { highlight, MAX_QUERY, toTsQuery, type Segment } from './query.ts';
import { usernameKey } from '../users/username.ts';
import { lookAlikePatterns, lookAlikeRanges } from './look-alikes.ts';
import { env } from '../env.ts';
import { isStatementTimeout } from '../db/errors.ts';
import { hit } from '../rate-limit.ts';

export const PAGE_SIZE = 20;
export const STATES = ['visible', 'held', 'hidden', 'removed', 'deleted'] as const;
export type State = (typeof STATES)[number];

/** A page's place: the last (rank, id), and for a query too broad to rank whole, the lowest id looked at. */
const cursorSchema = z.object({ r: z.number().finite(), i: zId, f: z.number().int().min(0).optional() });

/**
 * A query too broad to rank within YILUN_SEARCH_BUDGET_MS (a single common character matches
 * most comments; ranking them all costs the database hundreds of milliseconds at 100 000, and
 * more with every comment) is answered from this many of the newest comments, and says so.
 */
export const RECENT_COMMENTS = 20_000;

export interface SearchBudget {
  /** How long the ranking query may run before the search looks only among the newest comments. */
  budgetMs?: number;
  /** How many of the newest comments it then looks among. */
  recent?: number;
}

export interface CommentHit {
  id: number;
  status: State;
  statusReason: string | null;
  createdAt: Date;
  likeCount: number;
  author: { username: string; displayName: string };
  article: { slug: string; title: string };
  /** The body cut around the first match, the matches marked. */
  excerpt: Segment[];
}

export interface ArticleHit {
  slug: string;
  title: Segment[];
  commentCount: number;
}

export interface SearchPage {
  query: string;
  articles: ArticleHit[];
  comments: CommentHit[];
  nextCursor: string | null;
  /** The query matched too much to rank whole: these are the best among the newest comments. */
  recentOnly: boolean;
}

const queryText = (q: unknown) => (typeof q === 'string' ? q.trim().slice(0, MAX_QUERY) : '');

/** A search that found nothing, or was not made (nothing to look for, or refused). */
export const noResults = (q: unknown): SearchPage => ({ query: queryText(q), articles: [], comments: [], nextCursor: null, recentOnly: false });

type Row = { id: number; body: string; status: State; status_reason: string | null; created_at: Date; like_count: number; username: string; display_name: string; slug: string; title: string; rank: number };

/**
 * One page of matching comments. `match`: the index (a tsquery, ranked) or, for staff looking for
 * evasions, patterns the text must all match (a scan, newest first). A ranked search that runs
 * past its budget is cancelled by PostgreSQL and asked again of the newest comments only (the
 * cursor keeps that floor for the next pages).
 */
async function commentHits(
  prisma: Db,
  match: { tsq: string } | { patterns: string[] },
  q: string,
  where: Prisma.Sql,
  cursor: string | null,
  budget: SearchBudget,
): Promise<{ hits: CommentHit[]; nextCursor: string | null; recentOnly: boolean }> {
  const after = cursor ? decodeCursor(cursor, cursorSchema) : null;
  let floor = after?.f ?? null;
  if (floor === null && 'tsq' in match) {
    const ms = budget.budgetMs ?? env().YILUN_SEARCH_BUDGET_MS;
    try {
      return await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(ms)}, true)`;
        return rankedPage(tx, match, q, where, after, null);
      });
    } catch (err) {
      if (!isStatementTimeout(err)) throw err;
    }
    const top = await prisma.$queryRaw<{ floor: number }[]>`SELECT greatest(coalesce(max(id), 0) - ${budget.recent ?? RECENT_COMMENTS}, 0)::int AS floor FROM comments`;
    floor = top[0].floor;
  }
  return rankedPage(prisma, match, q, where, after, floor);
}

async function rankedPage(
  prisma: Pick<Db, '$queryRaw'>,
  match: { tsq: string } | { patterns: string[] },
  q: string,
  where: Prisma.Sql,
  after: z.infer<typeof cursorSchema> | null,
  floor: number | null,
): Promise<{ hits: CommentHit[]; nextCursor: string | null; recentOnly: boolean }> {
  const found =
    'tsq' in match
      ? Prisma.sql`c.search_vector @@ ${match.tsq}::tsquery`
      : Prisma.join(match.patterns.map((p) => Prisma.sql`c.body ~* ${p}`), ' AND ');
  const rank = 'tsq' in match ? Prisma.sql`ts_rank_cd(c.search_vector, ${match.tsq}::tsquery, 1)::float8` : Prisma.sql`0::float8`;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c.id, c.body, c.status::text AS status, c.status_reason, c.created_at, c.like_count, u.username, u.display_name, a.slug, a.title, s.rank
    FROM comments c
    JOIN articles a ON a.id = c.article_id
    JOIN users u ON u.id = c.author_id
    CROSS JOIN LATERAL (SELECT ${rank} AS rank) s
    WHERE ${found} AND ${where}
      ${floor !== null ? Prisma.sql`AND c.id > ${floor}` : Prisma.empty}
      ${after ? Prisma.sql`AND (s.rank, c.id) < (${after.r}::float8, ${after.i})` : Prisma.empty}
    ORDER BY s.rank DESC, c.id DESC
    LIMIT ${PAGE_SIZE + 1}`;
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    hits: page.map((r) => ({
      id: r.id,
      status: r.status,
      statusReason: r.status_reason,
      createdAt: r.created_at,
      likeCount: r.like_count,
      author: { username: r.username, displayName: r.display_name },
      article: { slug: r.slug, title: r.title },
      excerpt: highlight(r.body, q, 400, 'patterns' in match ? lookAlikeRanges(r.body, q) : []),
    })),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ r: last.rank, i: last.id, ...(floor !== null ? { f: floor } : {}) }) : null,
    recentOnly: floor !== null,
  };
}

/** What a reader finds: articles they can read, and visible comments in them. */
export async function searchForReaders(prisma: Db, input: { q?: unknown; cursor?: string | null }, budget: SearchBudget = {}): Promise<SearchPage> {
  const q = queryText(input.q);
  const tsq = toTsQuery(q);
  if (!tsq) return noResults(q);
  const [articles, comments] = await Promise.all([
    input.cursor
      ? Promise.resolve([])
      : prisma.$queryRaw<{ slug: string; title: string; comment_count: number }[]>`
          SELECT a.slug, a.title, a.comment_count FROM articles a
          WHERE a.search_vector @@ ${tsq}::tsquery AND ${visibleArticleSql('a')}
          ORDER BY ts_rank_cd(a.search_vector, ${tsq}::tsquery, 1) DESC, a.last_activity_at DESC LIMIT 5`,
    commentHits(prisma, { tsq }, q, Prisma.sql`c.status = 'visible' AND ${visibleArticleSql('a')}`, input.cursor ?? null, budget),
  ]);
  return {
    query: q,
    articles: articles.map((a) => ({ slug: a.slug, title: highlight(a.title, q, 200), commentCount: a.comment_count })),
    comments: comments.hits,
    nextCursor: comments.nextCursor,
    recentOnly: comments.recentOnly,
  };
}

/**
 * A reader's search counts against their network address's limit (YILUN_RATE_LIMIT_SEARCHES):
 * the database answers each one itself. Only searches with something to look for count.
 */
export async function countReaderSearch(prisma: Db, q: unknown, address: string): Promise<void> {
  if (toTsQuery(queryText(q))) await hit(prisma, 'searches', address);
}

export const staffFilterSchema = z.object({
  states: z.array(z.enum(STATES)).max(STATES.length).default([]),
  member: z.string().trim().max(64).default(''),
  thread: z.string().trim().max(200).default(''),
  from: z.string().regex(/^(\d{4}-\d\d-\d\d)?$/, { error: 'date_invalid' }).default(''),
  to: z.string().regex(/^(\d{4}-\d\d-\d\d)?$/, { error: 'date_invalid' }).default(''),
  /** Evasions too: look-alike characters and letters pulled apart (lib/search/look-alikes.ts). */
  lookAlikes: z.boolean().default(false),
});
export type StaffFilters = z.infer<typeof staffFilterSchema>;

/** What staff find: every comment whatever its state, with the filters (dates are China dates). */
export async function searchForStaff(prisma: Db, actor: Actor | null, input: { q?: unknown; cursor?: string | null; filters?: unknown }, budget: SearchBudget = {}): Promise<SearchPage & { filters: StaffFilters }> {
  assertCan(actor, 'mod:queue');
  const parsed = staffFilterSchema.safeParse(input.filters ?? {});
  if (!parsed.success) throw invalid({ [String(parsed.error.issues[0].path[0] ?? 'filters')]: 'date_invalid' });
  const f = parsed.data;
  const q = queryText(input.q);
  const tsq = toTsQuery(q);
  if (!tsq) return { ...noResults(q), filters: f };
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.states.length) conditions.push(Prisma.sql`c.status::text = ANY(${f.states}::text[])`);
  if (f.member) conditions.push(Prisma.sql`u.username_key = ${usernameKey(f.member)}`);
  if (f.thread) conditions.push(Prisma.sql`a.slug = ${f.thread}`);
  if (f.from) conditions.push(Prisma.sql`c.created_at >= (${f.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (f.to) conditions.push(Prisma.sql`c.created_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  const comments = await commentHits(prisma, f.lookAlikes ? { patterns: lookAlikePatterns(q) } : { tsq }, q, Prisma.join(conditions, ' AND '), input.cursor ?? null, budget);
  return { query: q, articles: [], comments: comments.hits, nextCursor: comments.nextCursor, recentOnly: comments.recentOnly, filters: f };
}
