import type { QueueItem } from '../moderation/queue.ts';
import { isoChinaTime } from '../time.ts';
import { moderatorCommentJson } from './comment-json.ts';

export function queueItemJson(item: QueueItem) {
  return {
    comment: moderatorCommentJson(item.comment),
    article: item.article,
    reports: item.reports.map((r) => ({
      reason: r.reason,
      note: r.note,
      createdAt: isoChinaTime(r.createdAt),
      reporter: { username: r.reporter.username, upheld: r.reporter.upheld, dismissed: r.reporter.dismissed },
    })),
    openReports: item.openReports,
    author: { username: item.author.username, status: item.author.status, imported: item.author.imported },
    heldMatch: item.heldMatch,
    earlierVersions: item.earlierVersions.map((v) => ({ body: v.body, at: isoChinaTime(v.at) })),
  };
}
