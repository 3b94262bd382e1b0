// A member's public profile: who they are and what they wrote. Imported commenters have one
// too. Hidden, removed and held comments are shown only to staff and to the member
// themselves (marked); deleted comments and deleted accounts to no one.
import 'server-only';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import { notFoundError } from '../errors.ts';
import { isStaff, type Actor } from '../policy.ts';
import { storable } from '../text/storable.ts';
import { decodeCursor, encodeCursor, zId, zInstant } from '../threads/cursor.ts';
import { usernameKey } from './username.ts';

export const PROFILE_PAGE = 20;
const cursorShape = z.object({ t: zInstant, i: zId }).strict();

export interface Profile {
  username: string;
  displayName: string;
  joinedAt: Date;
  staff: boolean;
  /** The site an imported commenter's comments came from (their join date is the import's). */
  importedFrom: string | null;
  /** Visible comments, and the likes they received. */
  commentCount: number;
  likesReceived: number;
}

export interface ProfileComment {
  id: number;
  body: string;
  status: 'visible' | 'held' | 'hidden' | 'removed';
  likeCount: number;
  createdAt: Date;
  editedAt: Date | null;
  mentions: string[];
  article: { slug: string; title: string };
}

export async function getProfile(prisma: Db, viewer: Actor | null, username: string, cursor?: string | null) {
  if (!storable(username) || [...username].length > 64) throw notFoundError('member_not_found');
  const user = await prisma.user.findUnique({
    where: { usernameKey: usernameKey(username) },
    select: { id: true, username: true, displayName: true, role: true, createdAt: true, importedFrom: true, deletedAt: true },
  });
  if (!user || user.deletedAt) throw notFoundError('member_not_found');
  const after = cursor ? decodeCursor(cursor, cursorShape) : null;
  // The member and staff see every comment of theirs that is not deleted; others the visible ones.
  const seesAll = viewer !== null && (viewer.id === user.id || isStaff(viewer));
  const shown = seesAll ? Prisma.sql`c.status <> 'deleted'` : Prisma.sql`c.status = 'visible'`;
  const [totals, rows] = await Promise.all([
    prisma.$queryRaw<{ comments: number; likes: number }[]>`
      SELECT count(*)::int AS comments, coalesce(sum(c.like_count), 0)::int AS likes
      FROM comments c JOIN articles a ON a.id = c.article_id
      WHERE c.author_id = ${user.id} AND c.status = 'visible' AND ${visibleArticleSql()}`,
    prisma.$queryRaw<{ id: number; body: string; status: ProfileComment['status']; like_count: number; created_at: Date; edited_at: Date | null; mentions: string[]; slug: string; title: string }[]>`
      SELECT c.id, c.body, c.status::text AS status, c.like_count, c.created_at, c.edited_at, c.mentions, a.slug, a.title
      FROM comments c JOIN articles a ON a.id = c.article_id
      WHERE c.author_id = ${user.id} AND ${shown} AND (${seesAll} OR ${visibleArticleSql()})
        ${after ? Prisma.sql`AND (c.created_at, c.id) < (${after.t}, ${after.i})` : Prisma.empty}
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT ${PROFILE_PAGE + 1}`,
  ]);
  const page = rows.slice(0, PROFILE_PAGE);
  const last = page.at(-1);
  const profile: Profile = {
    username: user.username,
    displayName: user.displayName,
    joinedAt: user.createdAt,
    staff: isStaff(user),
    importedFrom: user.importedFrom,
    commentCount: totals[0].comments,
    likesReceived: totals[0].likes,
  };
  return {
    profile,
    own: viewer?.id === user.id,
    comments: page.map(
      (r): ProfileComment => ({
        id: r.id, body: r.body, status: r.status, likeCount: r.like_count, createdAt: r.created_at, editedAt: r.edited_at,
        mentions: r.mentions ?? [], article: { slug: r.slug, title: r.title },
      }),
    ),
    nextCursor: rows.length > PROFILE_PAGE && last ? encodeCursor({ t: last.created_at.toISOString(), i: last.id }) : null,
  };
}
