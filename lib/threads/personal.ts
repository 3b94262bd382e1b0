// What of a thread belongs to one viewer: the comments they like, and their own comments
// with what they may do with each (lib/viewer.ts). The pages rendered per request read it
// for their cards; the members' shared page gets it from GET /api/v1/me?article=SLUG and lays
// it over the render every member shares (docs/decisions/010-viewer.md).
import 'server-only';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import { editWindowMinutes } from '../comments/edit-window.ts';
import { KEEP_FOLDED } from '../likes/like-counts.ts';
import { can, type CommentFacts, type Viewer } from '../viewer.ts';
import type { OwnComment, PersonalThread } from './part.ts';

/** Likes and own comments kept per viewer and thread: more than any page shows. */
const LIMIT = 2_000;

/** The viewer's part of the thread `slug` (visible articles only), in two indexed queries. */
export async function personalThread(prisma: Db, viewer: Viewer, slug: string): Promise<PersonalThread> {
  if (!viewer) return { liked: [], own: [] };
  const [rows, minutes] = await Promise.all([
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
              (c.like_count + COALESCE((SELECT sum(d.delta) FROM like_deltas d WHERE d.comment_id = c.id AND NOT d.folded), 0))::int
         FROM comments c JOIN a ON a.id = c.article_id
        WHERE c.id IN (SELECT comment_id FROM like_deltas WHERE user_id = ${viewer.id} AND created_at > now() - ${KEEP_FOLDED}::interval))`),
    editWindowMinutes(prisma),
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
  return { liked, own, ...(Object.keys(counts).length ? { counts } : {}) };
}
