import 'server-only';
import { threadChanged } from '../live/thread-events.ts';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { DomainError, invalid, notFoundError } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { usernameKey } from '../users/username.ts';
import { fieldCodes } from '../zod-fields.ts';
import { changeCommentStatus } from './comment-status.ts';
import { logAction } from './log.ts';
import { articleChanged } from '../cache/invalidate.ts';

const schema = z.object({
  action: z.enum(['suspend', 'ban', 'lift'], { error: 'mod_action' }),
  until: z.preprocess((v) => (v === '' || v == null ? undefined : v), z.iso.datetime({ offset: true, error: 'until_invalid' }).refine((v) => Number.isFinite(Date.parse(v)) && new Date(v).getUTCFullYear() <= 9999, 'until_invalid').optional()),
  reason: z.string().trim().max(500).optional(),
  removeComments: z.boolean().optional(),
});

/**
 * suspend: may read, not post, like or report, until `until` (default 7 days). ban: cannot
 * sign in; open sessions end at once; optionally every comment of theirs is removed. lift:
 * both end. Staff cannot be suspended or banned (an admin first takes the role away).
 */
export async function moderateMember(prisma: Db, actor: Actor | null, username: string, input: unknown) {
  assertCan(actor, 'mod:member');
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  const { action, reason, removeComments } = parsed.data;
  const until = action === 'suspend' ? new Date(parsed.data.until ?? Date.now() + 7 * 86_400_000) : null;
  if (until && until <= new Date()) throw invalid({ until: 'until_past' });
  const { result, articles, gone } = await prisma.$transaction(async (tx) => {
    const member = await tx.user.findUnique({ where: { usernameKey: usernameKey(username) }, select: { id: true, role: true } });
    if (!member) throw notFoundError('member_not_found');
    if (member.role !== 'member' || member.id === actor.id) throw new DomainError(403, 'staff_protected');
    await tx.user.update({
      where: { id: member.id },
      data: {
        status: action === 'lift' ? 'active' : action === 'ban' ? 'banned' : 'suspended',
        suspendedUntil: until,
        statusReason: action === 'lift' ? null : (reason ?? null),
        // A ban ends every open session at once.
        ...(action === 'ban' ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    let removed = 0;
    const articles: number[] = [];
    const gone: { articleId: number; id: number }[] = [];
    if (action === 'ban' && removeComments) {
      // Deepest first, so that parents' counters see their replies go before they do.
      const comments = await tx.comment.findMany({
        where: { authorId: member.id, status: { in: ['visible', 'held', 'hidden'] } },
        select: { id: true, articleId: true, parentId: true, rootId: true, status: true },
        orderBy: [{ depth: 'desc' }, { id: 'asc' }],
      });
      for (const c of comments) {
        await changeCommentStatus(tx, c, 'removed', reason ?? null);
        articles.push(c.articleId);
        if (c.status === 'visible') gone.push({ articleId: c.articleId, id: c.id });
      }
      removed = comments.length;
    }
    await logAction(tx, {
      moderatorId: actor.id,
      action: `member:${action}`,
      memberId: member.id,
      reason: reason ?? null,
      details: { ...(until ? { until: until.toISOString() } : {}), ...(removed ? { removedComments: removed } : {}) },
    });
    const result = { username, status: action === 'lift' ? 'active' : action === 'ban' ? 'banned' : 'suspended', suspendedUntil: until, removedComments: removed };
    return { result, articles, gone };
  });
  articleChanged(...articles);
  for (const a of new Set(gone.map((g) => g.articleId)))
    threadChanged(prisma, a, gone.filter((g) => g.articleId === a).map((g) => ({ kind: 'removed' as const, commentId: g.id })));
  return result;
}
