import type { QueueItem } from '../moderation/queue.ts';
import { isoChinaTime } from '../time.ts';
import { commentJson } from './comment-json.ts';

export function queueItemJson(item: QueueItem) {
  // Moderators see what a tombstone hides from readers.
  const comment = { ...commentJson({ ...item.comment, status: 'visible' }), status: item.comment.status };
  return {
    comment,
    article: item.article,
    reports: item.reports.map((r) => ({ reason: r.reason, note: r.note, createdAt: isoChinaTime(r.createdAt) })),
  };
}
