// A member's own account: their display name, their password, their data, and leaving.
// Every change checks the session's member and the policy here; a wrong current password
// changes nothing.
import 'server-only';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { DomainError, invalid } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { fieldCodes } from '../zod-fields.ts';
import { hit } from '../rate-limit.ts';
import { hashPassword, passwordWeakness, verifyPassword } from '../auth/password.ts';
import { changeCommentStatus } from '../moderation/comment-status.ts';
import { logAction } from '../moderation/log.ts';
import { articleChanged } from '../cache/invalidate.ts';
import { threadChanged } from '../live/thread-events.ts';
import { assertDisplayNameAllowed } from './display-name.ts';
import { displayNameSkeleton, usernameKey } from './username.ts';
import { displayNameSchema, passwordSchema } from './schemas.ts';
import { toApiReason } from '../moderation/report-reasons.ts';

/** What a deleted account's name is stored as (pages show it in the reader's language). */
export const DELETED_NAME = '已注销用户';

async function accountOf(prisma: Pick<Db, 'user'>, actor: Actor) {
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { id: true, username: true, displayName: true, passwordHash: true, hasPassword: true, deletedAt: true } });
  if (!user || !user.passwordHash || user.deletedAt) throw new DomainError(401, 'unauthenticated');
  return user as typeof user & { passwordHash: string };
}

/**
 * The current password, checked; a wrong one is a refusal on its field. Every check counts
 * against a limit: a session left open is not a way to guess its member's password.
 */
async function checkPassword(prisma: Db, memberId: number, hash: string, password: unknown) {
  await hit(prisma, 'passwordChecks', memberId);
  if (typeof password !== 'string' || !password || !(await verifyPassword(hash, password))) throw invalid({ currentPassword: 'password_wrong' });
}

export async function changeDisplayName(prisma: Db, actor: Actor | null, input: { displayName: unknown }) {
  assertCan(actor, 'account:write');
  const parsed = z.object({ displayName: displayNameSchema }).safeParse(input);
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  await accountOf(prisma, actor);
  await assertDisplayNameAllowed(prisma, parsed.data.displayName, actor.id);
  await prisma.user.update({ where: { id: actor.id }, data: { displayName: parsed.data.displayName, displayNameSkeleton: displayNameSkeleton(parsed.data.displayName) } });
  // Every thread that shows their name: its cached pages expire.
  const threads = await prisma.comment.findMany({ where: { authorId: actor.id }, distinct: ['articleId'], select: { articleId: true } });
  articleChanged(...threads.map((t) => t.articleId));
  return { displayName: parsed.data.displayName };
}

/**
 * A new password: the current one is required. Every other session ends (the session
 * version moves on); the caller signs this one in again with the new password.
 */
export async function changePassword(prisma: Db, actor: Actor | null, input: { currentPassword: unknown; newPassword: unknown }) {
  assertCan(actor, 'account:write');
  const user = await accountOf(prisma, actor);
  const parsed = z.object({ newPassword: passwordSchema }).safeParse({ newPassword: input.newPassword });
  if (!parsed.success) throw invalid(Object.fromEntries(Object.entries(fieldCodes(parsed.error)).map(([, v]) => ['newPassword', v])));
  // A member who came in through another identity and never had a password sets a first one
  // with their session as the proof (there is no current password to give).
  if (user.hasPassword) await checkPassword(prisma, user.id, user.passwordHash, input.currentPassword);
  const weakness = passwordWeakness(parsed.data.newPassword, [user.username, user.displayName]);
  if (weakness) throw invalid({ newPassword: weakness });
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await prisma.user.update({ where: { id: actor.id }, data: { passwordHash, hasPassword: true, sessionVersion: { increment: 1 } } });
  return { username: user.username };
}

/** Everything the forum holds about the member, as JSON: profile, comments, likes, reports. */
export async function exportAccount(prisma: Db, actor: Actor | null) {
  assertCan(actor, 'account:read');
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { username: true, displayName: true, role: true, status: true, createdAt: true, email: true, emailVerifiedAt: true },
  });
  const [comments, likes, reports] = await Promise.all([
    prisma.comment.findMany({
      where: { authorId: actor.id, status: { not: 'deleted' } },
      orderBy: { id: 'asc' },
      select: { id: true, body: true, status: true, likeCount: true, createdAt: true, editedAt: true, parentId: true, article: { select: { slug: true, title: true } } },
    }),
    prisma.like.findMany({ where: { userId: actor.id }, orderBy: { createdAt: 'asc' }, select: { commentId: true, createdAt: true } }),
    prisma.report.findMany({ where: { reporterId: actor.id }, orderBy: { id: 'asc' }, select: { commentId: true, reason: true, note: true, createdAt: true, resolution: true } }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: { ...user, createdAt: user.createdAt.toISOString(), emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null },
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), editedAt: c.editedAt?.toISOString() ?? null })),
    likes: likes.map((l) => ({ commentId: l.commentId, createdAt: l.createdAt.toISOString() })),
    reports: reports.map((r) => ({ ...r, reason: toApiReason(r.reason), createdAt: r.createdAt.toISOString() })),
  };
}

/**
 * Deletes the account, with its password as the confirmation: the member can no longer sign
 * in (every session ends), their comments become tombstones with the text removed (gone
 * where they have no replies), their likes go with the counts kept right, and the username
 * stays reserved so that no one else can take it.
 */
export async function deleteAccount(prisma: Db, actor: Actor | null, input: { password: unknown; confirm?: unknown }) {
  assertCan(actor, 'account:write');
  const user = await accountOf(prisma, actor);
  // Without a password of their own, the member confirms with their username.
  if (user.hasPassword) await checkPassword(prisma, user.id, user.passwordHash, input.password);
  else if (typeof input.confirm !== 'string' || usernameKey(input.confirm.trim()) !== usernameKey(user.username)) throw invalid({ confirm: 'confirm_username' });
  const { articles, gone } = await prisma.$transaction(async (tx) => {
    const articles = new Set<number>();
    const gone: { articleId: number; id: number }[] = [];
    // Deepest first, so that parents' counters see their replies go before they do.
    const comments = await tx.comment.findMany({
      where: { authorId: user.id, status: { not: 'deleted' } },
      select: { id: true, articleId: true, parentId: true, rootId: true, status: true },
      orderBy: [{ depth: 'desc' }, { id: 'asc' }],
    });
    // Evidence stays with staff: the text of every comment that was reported or that a
    // moderator or the word lists acted on goes to the log before the comments are emptied
    // (as when one comment is deleted), and their open reports close as 'deleted' there.
    await tx.$executeRaw`
      INSERT INTO moderation_actions (moderator_id, member_id, action, comment_id, article_id, reason, details)
      SELECT ${user.id}, ${user.id}, 'comment:delete', c.id, c.article_id, NULL,
             jsonb_build_object('body', c.body, 'status', c.status::text, 'statusReason', c.status_reason, 'accountDeleted', true,
                                'reports', (SELECT count(*) FROM reports r WHERE r.comment_id = c.id)::int)
      FROM comments c
      WHERE c.author_id = ${user.id} AND c.status <> 'deleted'
        AND (c.status <> 'visible' OR c.moderated_at IS NOT NULL OR EXISTS (SELECT 1 FROM reports r WHERE r.comment_id = c.id))`;
    for (const c of comments) {
      await changeCommentStatus(tx, c, 'deleted', null, false);
      articles.add(c.articleId);
      if (c.status === 'visible') gone.push({ articleId: c.articleId, id: c.id });
    }
    await tx.comment.updateMany({ where: { authorId: user.id }, data: { body: '', mentions: [] } });
    // Likes go, and the counts they made with them.
    const liked = await tx.$queryRaw<{ article_id: number }[]>`
      WITH gone AS (DELETE FROM likes WHERE user_id = ${user.id} RETURNING comment_id),
      counted AS (
        UPDATE comments c SET like_count = c.like_count - g.n
        FROM (SELECT comment_id, count(*)::int AS n FROM gone GROUP BY comment_id) g
        WHERE c.id = g.comment_id RETURNING c.article_id
      )
      SELECT DISTINCT article_id FROM counted`;
    for (const l of liked) articles.add(l.article_id);
    await tx.notification.deleteMany({ where: { userId: user.id } });
    await tx.report.updateMany({ where: { comment: { authorId: user.id }, resolvedAt: null }, data: { resolvedAt: new Date(), resolution: 'deleted' } });
    await tx.user.update({
      where: { id: user.id },
      data: {
        deletedAt: new Date(), passwordHash: null, displayName: DELETED_NAME, displayNameSkeleton: displayNameSkeleton(DELETED_NAME), sessionVersion: { increment: 1 },
        // Their address goes too, with every link on its way to them (mail not yet sent is not sent).
        email: null, emailKey: null, emailVerifiedAt: null, emailBouncedAt: null,
      },
    });
    await tx.accountToken.deleteMany({ where: { userId: user.id } });
    await tx.identity.deleteMany({ where: { userId: user.id } });
    await tx.$executeRaw`DELETE FROM mail_outbox WHERE user_id = ${user.id} AND status = 'pending'`;
    await logAction(tx, { moderatorId: null, memberId: user.id, action: 'member:delete-account', details: { comments: comments.length, likes: liked.length } });
    return { articles: [...articles], gone };
  });
  articleChanged(...articles);
  for (const a of new Set(gone.map((g) => g.articleId)))
    threadChanged(prisma, a, gone.filter((g) => g.articleId === a).map((g) => ({ kind: 'removed' as const, commentId: g.id, data: { by: 'author' } })));
  return { deleted: true };
}
