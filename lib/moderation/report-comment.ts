import { isUniqueViolation } from '../db/errors.ts';
import 'server-only';
import { queueChanged } from '../live/thread-events.ts';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { isVisibleArticle } from '../articles/visibility.ts';
import { assertCommentId, DomainError, invalid, notFoundError } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { fieldCodes } from '../zod-fields.ts';
import { checkSurge } from './auto-premod.ts';
import { hit } from '../rate-limit.ts';
import { REPORT_REASONS, toDbReason } from './report-reasons.ts';
import { articleChanged } from '../cache/invalidate.ts';

const reportSchema = z.object({
  reason: z.enum(REPORT_REASONS, { error: 'report_reason' }),
  note: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(500, 'report_note_long').optional(),
  ),
});

/** One report per member per comment; never one's own comment. */
export async function reportComment(prisma: Db, actor: Actor | null, commentId: number, input: unknown) {
  if (!actor) throw new DomainError(401, 'unauthenticated');
  const parsed = reportSchema.safeParse(input);
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  assertCommentId(commentId);
  try {
    const { report, surged, articleId } = await prisma.$transaction(async (tx) => {
      const comment = await tx.comment.findUnique({ where: { id: commentId }, select: { id: true, authorId: true, status: true, articleId: true, article: { select: { unpublishedAt: true, publishedAt: true } } } });
      if (!comment || comment.status !== 'visible' || !isVisibleArticle(comment.article)) throw notFoundError('comment_not_found');
      assertCan(actor, 'report:create');
      if (comment.authorId === actor.id) throw new DomainError(403, 'report_own');
      await hit(tx, 'reports', actor.id);
      const report = await tx.report.create({
        data: { commentId, reporterId: actor.id, reason: toDbReason(parsed.data.reason), note: parsed.data.note ?? null },
        select: { id: true, createdAt: true },
      });
      return { report, surged: await checkSurge(tx, comment.articleId, 'reports'), articleId: comment.articleId };
    });
    if (surged) articleChanged(articleId);
    queueChanged();
    return report;
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError(409, 'report_duplicate');
    throw err;
  }
}
