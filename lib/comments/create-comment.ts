import type { Db } from '../db/client.ts';
import { DomainError, invalid, notFoundError } from '../errors.ts';
import { assertCan, isStaff, type Actor } from '../policy.ts';
import { hit } from '../rate-limit.ts';
import { fieldCodes } from '../zod-fields.ts';
import { idempotencyKeySchema, newCommentSchema } from './schemas.ts';
import { checkSurge } from '../moderation/auto-premod.ts';
import { findWord, loadWordLists } from '../moderation/words.ts';

export interface CreatedComment {
  id: number;
  articleId: number;
  parentId: number | null;
  rootId: number | null;
  status: string;
  /** False when an idempotency key matched an earlier comment. */
  created: boolean;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';

/**
 * Posts a comment or a reply: validates, checks the policy and the limits, writes the
 * comment and every counter in one transaction. With an idempotency key, a repeat returns
 * the first comment and creates nothing.
 */
export async function createComment(
  prisma: Db,
  actor: Actor | null,
  input: { slug: string; body: unknown; parentId?: unknown; idempotencyKey?: string | null },
): Promise<CreatedComment> {
  if (!actor) throw new DomainError(401, 'unauthenticated');
  const parsed = newCommentSchema.safeParse({ body: input.body, parentId: input.parentId });
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  let key: string | null = null;
  if (input.idempotencyKey != null) {
    const k = idempotencyKeySchema.safeParse(input.idempotencyKey);
    if (!k.success) throw new DomainError(400, 'bad_idempotency_key');
    key = k.data;
  }
  const { body, parentId } = parsed.data;

  const existing = async () =>
    key
      ? prisma.comment.findUnique({
          where: { authorId_idempotencyKey: { authorId: actor.id, idempotencyKey: key } },
          select: { id: true, articleId: true, parentId: true, rootId: true, status: true },
        })
      : null;
  const earlier = await existing();
  if (earlier) return { ...earlier, created: false };

  try {
    return await prisma.$transaction(async (tx) => {
      const article = await tx.article.findUnique({ where: { slug: input.slug }, select: { id: true, locked: true, premod: true, premodUntil: true } });
      if (!article) throw notFoundError('article_not_found');
      assertCan(actor, 'comment:create', { articleLocked: article.locked });

      let parent: { id: number; rootId: number | null; depth: number; authorId: number } | null = null;
      if (parentId !== undefined) {
        parent = await tx.comment.findFirst({
          where: { id: parentId, articleId: article.id, status: { in: ['visible'] } },
          select: { id: true, rootId: true, depth: true, authorId: true },
        });
        // A parent from another article, or one readers cannot see, is not found here.
        if (!parent) throw notFoundError('parent_not_found');
      }
      // Word lists are read here, on every post, so an admin's change applies at once.
      const words = await loadWordLists(tx);
      const banned = findWord(body, words.banned);
      if (banned) throw new DomainError(422, 'invalid', { body: 'body_banned_word' }, { word: banned });
      await hit(tx, 'commentBurst', actor.id);
      await hit(tx, 'commentHourly', actor.id);

      const now = new Date();
      // Staff comments are never held; everyone else's are when the thread or a word says so.
      const held =
        !isStaff(actor) &&
        (article.premod || (article.premodUntil !== null && article.premodUntil > now) || findWord(body, words.suspect) !== null);
      const rootId = parent ? (parent.rootId ?? parent.id) : null;
      const comment = await tx.comment.create({
        data: {
          articleId: article.id,
          authorId: actor.id,
          parentId: parent?.id ?? null,
          rootId,
          depth: parent ? parent.depth + 1 : 0,
          body,
          status: held ? 'held' : 'visible',
          idempotencyKey: key,
          createdAt: now,
        },
        select: { id: true, articleId: true, parentId: true, rootId: true, status: true },
      });
      if (!held) {
        // Counters move with the rows they count, in this transaction.
        await tx.article.update({ where: { id: article.id }, data: { commentCount: { increment: 1 }, lastActivityAt: now } });
        if (parent) {
          await tx.comment.update({ where: { id: parent.id }, data: { replyCount: { increment: 1 } } });
          await tx.comment.update({ where: { id: rootId! }, data: { threadReplyCount: { increment: 1 } } });
          if (parent.authorId !== actor.id) {
            await tx.notification.create({ data: { userId: parent.authorId, type: 'reply', commentId: comment.id, actorId: actor.id } });
          }
        }
      }
      await checkSurge(tx, article.id, 'posts');
      return { ...comment, created: true };
    });
  } catch (err) {
    // The same key raced in from another request (a unique violation, or a rate limit
    // that the winner's post filled): that one won; return its comment.
    if (key && (isUniqueViolation(err) || (err instanceof DomainError && err.status === 429))) {
      const winner = await existing();
      if (winner) return { ...winner, created: false };
    }
    throw err;
  }
}
