// What of a thread belongs to one viewer: the comments they like, and their own comments
// with what they may do with each (lib/viewer.ts). The pages rendered per request read it
// for their cards; the members' shared page gets it from GET /api/v1/me?article=SLUG and lays
// it over the render every member shares (docs/decisions/010-viewer.md).
import 'server-only';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import { editWindowMinutes } from '../comments/edit-window.ts';
import { KEEP_FOLDED, pendingLikes } from '../likes/like-counts.ts';
import { LIVE_MENTIONS } from './comment-rows.ts';
import { can, type CommentFacts, type Viewer } from '../viewer.ts';
import type { OwnComment, OwnExtra, PersonalThread } from './part.ts';
import { OWN_RECENT_MINUTES } from '../comments/rules.ts';

/** Likes and own comments kept per viewer and thread: more than any page shows. */
const LIMIT = 2_000;

/** The viewer's part of the thread `slug` (visible articles only), in two indexed queries. */
export async function personalThread(prisma: Db, viewer: Viewer, slug: string): Promise<PersonalThread> {
  if (!viewer) return { liked: [], own: [] };
  const [rows, minutes, extra] = await Promise.all([
    prisma.$queryRaw<{ kind: 'own' | 'liked' | 'count'; id: number; status: CommentFacts['status'] | null; body: string | null; created_at: Date | null; replies: number; locked: boolean; n: number | null }[]>(Prisma.sql`
      WITH a AS (SELECT id, locked FROM articles a WHERE a.slug = ${slug} AND ${visibleArticleSql()})
      (SELECT 'own' AS kind, c.id, c.status::text AS status, c.body, c.created_at,
              (SELECT count(*) FROM comments r WHERE r.parent_id = c.id AND r.status IN ('visible', 'held'))::int AS replies, a.locked, NULL::int AS n
         FROM comments c JOIN a ON a.id = c.article_id
        WHERE c.author_id = ${viewer.id} AND c.status <> 'deleted'
        ORDER BY c.id DESC LIMIT ${LIMIT})
      UNION ALL
      (SELECT 'liked', l.comment_id, NULL, NULL, NULL, 0, a.locked, NULL
         FROM likes l JOIN comments c ON c.id = l.comment_id JOIN a ON a.id = c.article_id
        WHERE l.user_id = ${viewer.id}
        ORDER BY l.comment_id DESC LIMIT ${LIMIT})
      UNION ALL
      (SELECT 'count', c.id, NULL, NULL, NULL, 0, a.locked,
              (c.like_count + ${pendingLikes(Prisma.raw('c.id'))})::int
         FROM comments c JOIN a ON a.id = c.article_id
        WHERE c.id IN (SELECT comment_id FROM like_deltas WHERE user_id = ${viewer.id} AND created_at > now() - ${KEEP_FOLDED}::interval))`),
    editWindowMinutes(prisma),
    ownExtra(prisma, viewer.id, slug),
  ]);
  const now = new Date();
  const liked: number[] = [];
  const own: OwnComment[] = [];
  const counts: Record<number, number> = {};
  for (const r of rows) {
    if (r.kind === 'liked') {
      liked.push(r.id);
      continue;
    }
    if (r.kind === 'count') {
      counts[r.id] = r.n!;
      continue;
    }
    const facts: CommentFacts = { authorId: viewer.id, status: r.status!, createdAt: r.created_at!, repliesForAnyone: r.replies };
    const edit = can(viewer, 'edit', facts, { articleLocked: r.locked, editWindowMinutes: minutes, now });
    own.push({ id: r.id, status: facts.status, edit, ...(edit ? { body: r.body! } : {}), hasReplies: r.replies > 0 });
  }
  return { liked, own, ...(Object.keys(counts).length ? { counts } : {}), ...(extra.length ? { extra } : {}) };
}

/** How many of OwnExtra a viewer's part carries: more than a page shows (the page rendered for them showed 70). */
const EXTRA_LIMIT = 70;

/**
 * The viewer's comments in the thread that only they may see (held, hidden, removed: not the
 * ones they deleted) and those posted in the last OWN_RECENT_MINUTES, newest first.
 */
async function ownExtra(prisma: Db, viewerId: number, slug: string): Promise<OwnExtra[]> {
  const rows = await prisma.$queryRaw<{
    id: number; parent_id: number | null; root_id: number | null; depth: number; body: string; mentions: string[]; status: OwnExtra['status'];
    status_reason: string | null; like_count: number; created_at: Date; edited_at: Date | null; reply_username: string | null; reply_name: string | null;
  }[]>(Prisma.sql`
    SELECT c.id, c.parent_id, c.root_id, c.depth, c.body, c.status::text AS status, c.status_reason,
           (c.like_count + ${pendingLikes(Prisma.raw('c.id'))})::int AS like_count,
           c.created_at, c.edited_at,
           ${LIVE_MENTIONS} AS mentions,
           pu.username AS reply_username, pu.display_name AS reply_name
      FROM comments c
      JOIN articles a ON a.id = c.article_id AND a.slug = ${slug} AND ${visibleArticleSql()}
      LEFT JOIN comments p ON p.id = c.parent_id AND p.status = 'visible'
      LEFT JOIN users pu ON pu.id = p.author_id AND pu.deleted_at IS NULL
     WHERE c.author_id = ${viewerId}
       AND (c.status IN ('held', 'hidden', 'removed') OR (c.status = 'visible' AND c.created_at > now() - make_interval(mins => ${OWN_RECENT_MINUTES})))
     ORDER BY c.created_at DESC, c.id DESC
     LIMIT ${EXTRA_LIMIT}`);
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    rootId: r.root_id,
    depth: r.depth,
    body: r.body,
    mentions: r.mentions,
    status: r.status,
    // Why a comment is held is the moderators' business (a word, the thread's pre-moderation).
    reason: r.status === 'hidden' || r.status === 'removed' ? r.status_reason : null,
    likeCount: r.like_count,
    createdAt: r.created_at.toISOString(),
    editedAt: r.edited_at?.toISOString() ?? null,
    replyTo: r.reply_username ? { username: r.reply_username, displayName: r.reply_name! } : null,
  }));
}
