import 'server-only';
import { threadChanged } from '../live/thread-events.ts';
import type { Db } from '../db/client.ts';
import { DomainError, notFoundError } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { logAction } from './log.ts';
import { articleChanged } from '../cache/invalidate.ts';

export const ARTICLE_ACTIONS = ['lock', 'unlock', 'premod-on', 'premod-off'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

export async function moderateArticle(prisma: Db, actor: Actor | null, slug: string, action: unknown, reason?: unknown) {
  assertCan(actor, 'mod:article');
  if (!ARTICLE_ACTIONS.includes(action as ArticleAction)) throw new DomainError(422, 'invalid', { action: 'mod_action' });
  const why = typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 500) : null;
  const { id, updated } = await prisma.$transaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { slug }, select: { id: true } });
    if (!article) throw notFoundError('article_not_found');
    const data = {
      lock: { locked: true, lockReason: why },
      unlock: { locked: false, lockReason: null },
      'premod-on': { premod: true },
      'premod-off': { premod: false, premodUntil: null },
    }[action as ArticleAction];
    const updated = await tx.article.update({ where: { id: article.id }, data, select: { slug: true, locked: true, premod: true, premodUntil: true } });
    await logAction(tx, { moderatorId: actor.id, action: `article:${action}`, articleId: article.id, reason: why });
    return { id: article.id, updated };
  });
  articleChanged(id);
  if (action === 'lock' || action === 'unlock') threadChanged(prisma, id, [{ kind: 'lock', data: { locked: action === 'lock' } }]);
  return updated;
}
