// Structured data for a thread page (schema.org, as Google documents it for discussion
// forums): the article as a DiscussionForumPosting, the visible comments of the page as
// nested Comment nodes with their authors, times, text and like counts.
import type { CommentView } from '../threads/comment-rows.ts';
import { isoChinaTime } from '../time.ts';

interface Article {
  slug: string;
  title: string;
  paragraphs: string[];
  summary: string;
  sourceSite: string;
  publishedAt: Date;
  commentCount: number;
}

type Node = Record<string, unknown>;

const counter = (type: 'LikeAction' | 'CommentAction', count: number) => ({
  '@type': 'InteractionCounter',
  interactionType: `https://schema.org/${type}`,
  userInteractionCount: count,
});

/** The page's comments as Comment nodes: a tombstone has no node of its own; its replies rise to its place. */
function commentNodes(comments: CommentView[], base: string, slug: string): Node[] {
  return comments.flatMap((c): Node[] => {
    const replies = commentNodes(c.replies, base, slug);
    if (c.status !== 'visible' || c.author.deleted) return replies;
    return [
      {
        '@type': 'Comment',
        '@id': `${base}/articles/${encodeURIComponent(slug)}/comments/${c.id}`,
        url: `${base}/articles/${encodeURIComponent(slug)}/comments/${c.id}`,
        author: { '@type': 'Person', name: c.author.displayName, url: `${base}/u/${encodeURIComponent(c.author.username)}` },
        dateCreated: isoChinaTime(c.createdAt),
        ...(c.editedAt ? { dateModified: isoChinaTime(c.editedAt) } : {}),
        text: c.body,
        interactionStatistic: counter('LikeAction', c.likeCount),
        ...(replies.length ? { comment: replies } : {}),
      },
    ];
  });
}

/** `base` is the site's origin ('' for site-relative URLs when none is configured). */
export function threadJsonLd(article: Article, comments: CommentView[], base: string): Node {
  const url = `${base}/articles/${encodeURIComponent(article.slug)}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'DiscussionForumPosting',
    '@id': url,
    url,
    headline: article.title,
    // The article's opening (the page carries the whole of it; the comments are what is new here).
    text: article.summary || article.paragraphs[0] || article.title,
    datePublished: isoChinaTime(article.publishedAt),
    author: { '@type': 'Organization', name: article.sourceSite },
    interactionStatistic: counter('CommentAction', article.commentCount),
    comment: commentNodes(comments, base, article.slug),
  };
}

/** JSON for a `<script type="application/ld+json">`: nothing in it can end the script element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
