import 'server-only';
import { z } from 'zod';
import type { PrismaClient, Prisma } from '../generated/prisma/client.ts';
import { assertCan, type Actor } from '../policy.ts';
import { storable } from '../text/storable.ts';
import { decodeCursor, encodeCursor, zId } from '../threads/cursor.ts';
import { usernameKey } from '../users/username.ts';

const logCursor = z.object({ i: zId }).strict();
const PAGE = 50;

export interface LogEntry {
  id: number;
  /** Null for what the forum did by itself, or the admin command. */
  moderator: string | null;
  action: string;
  target: string;
  reason: string | null;
  createdAt: Date;
  commentId: number | null;
  /** What the entry keeps beyond its reason: an edit's earlier and later text, a deleted comment's text. */
  details: unknown;
  /** The comment acted on, for a link to it and its words (staff see any comment's). */
  comment: { id: number; slug: string; author: string; body: string } | null;
  /** The member and the thread acted on, for links. */
  memberName: string | null;
  articleSlug: string | null;
}

/** The audit log, newest first, filtered by moderator, member and thread. */
export async function listLog(
  prisma: PrismaClient,
  actor: Actor | null,
  filters: { moderator?: string | null; member?: string | null; article?: string | null; cursor?: string | null },
) {
  assertCan(actor, 'mod:log');
  const after = filters.cursor ? decodeCursor(filters.cursor, logCursor) : null;
  // A filter no name or slug can match (one with a NUL) matches nothing.
  if ([filters.moderator, filters.member, filters.article].some((f) => f && !storable(f))) return { entries: [], nextCursor: null };
  // Each filter is one condition; a member or a thread matches directly or through the comment.
  const where: Prisma.ModerationActionWhereInput = {
    AND: [
      filters.moderator ? { moderator: { usernameKey: usernameKey(filters.moderator) } } : {},
      filters.member
        ? { OR: [{ member: { usernameKey: usernameKey(filters.member) } }, { comment: { author: { usernameKey: usernameKey(filters.member) } } }] }
        : {},
      filters.article ? { OR: [{ article: { slug: filters.article } }, { comment: { article: { slug: filters.article } } }] } : {},
      after ? { id: { lt: after.i } } : {},
    ],
  };
  const rows = await prisma.moderationAction.findMany({
    where,
    orderBy: { id: 'desc' },
    take: PAGE + 1,
    select: {
      id: true, action: true, reason: true, createdAt: true, commentId: true, details: true,
      moderator: { select: { username: true } },
      member: { select: { username: true } },
      article: { select: { slug: true } },
      comment: { select: { id: true, body: true, article: { select: { slug: true } }, author: { select: { username: true } } } },
    },
  });
  const page = rows.slice(0, PAGE);
  const entries: LogEntry[] = page.map((r) => ({
    id: r.id,
    moderator: r.moderator?.username ?? null,
    action: r.action,
    target: r.commentId ? `comment:${r.commentId}` : r.member ? `member:${r.member.username}` : r.article ? `article:${r.article.slug}` : 'site',
    reason: r.reason,
    createdAt: r.createdAt,
    commentId: r.commentId,
    details: r.details ?? null,
    comment: r.comment ? { id: r.comment.id, slug: r.comment.article.slug, author: r.comment.author.username, body: r.comment.body } : null,
    memberName: r.member?.username ?? null,
    articleSlug: r.article?.slug ?? null,
  }));
  return { entries, nextCursor: rows.length > PAGE ? encodeCursor({ i: page[page.length - 1].id }) : null };
}
