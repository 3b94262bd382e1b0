import { isoChinaTime } from '../time.ts';
import type { SearchPage } from './search.ts';

/** A search page as the API answers it; `staff` adds each comment's state. */
export function searchJson(page: SearchPage, staff = false) {
  return {
    query: page.query,
    articles: page.articles.map((a) => ({ slug: a.slug, title: a.title.map((s) => s.text).join(''), commentCount: a.commentCount, titleMarks: a.title })),
    comments: page.comments.map((c) => ({
      id: c.id,
      article: c.article,
      author: c.author,
      createdAt: isoChinaTime(c.createdAt),
      likeCount: c.likeCount,
      excerpt: c.excerpt,
      ...(staff ? { status: c.status, statusReason: c.statusReason } : {}),
    })),
    nextCursor: page.nextCursor,
    recentOnly: page.recentOnly,
  };
}
