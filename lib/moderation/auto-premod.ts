import type { Db } from '../db/client.ts';
import { autoPremodSettings } from './settings.ts';

type Tx = Pick<Db, 'setting' | 'comment' | 'report' | 'article' | '$queryRaw'>;

/**
 * After a post or a report: when the thread's posts or reports in the last minute cross the
 * admin's threshold, the thread holds every new comment for a while by itself.
 */
export async function checkSurge(tx: Tx, articleId: number, kind: 'posts' | 'reports'): Promise<boolean> {
  const s = await autoPremodSettings(tx);
  const since = new Date(Date.now() - 60_000);
  const n =
    kind === 'posts'
      ? await tx.comment.count({ where: { articleId, createdAt: { gte: since } } })
      : await tx.report.count({ where: { comment: { articleId }, createdAt: { gte: since } } });
  const limit = kind === 'posts' ? s.postsPerMinute : s.reportsPerMinute;
  if (n < limit) return false;
  await tx.article.update({ where: { id: articleId }, data: { premodUntil: new Date(Date.now() + s.minutes * 60_000) } });
  return true;
}
