import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { readDb } from '@/lib/db/replica.ts';
import { handle } from '@/lib/api/errors.ts';
import { notFoundError } from '@/lib/errors.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { sameOriginMember } from '@/lib/api/member.ts';
import { createComment } from '@/lib/comments/create-comment.ts';
import { getComment } from '@/lib/threads/get-comment.ts';
import { commentJson } from '@/lib/api/comment-json.ts';
import { getArticle } from '@/lib/threads/get-article.ts';
import { COMMENTS_PAGE_SIZE, listComments, MAX_COMMENTS_PAGE_SIZE, SORTS } from '@/lib/threads/list-comments.ts';

const query = z
  .object({
    sort: z.enum(SORTS, { error: `sort must be one of ${SORTS.join(', ')}` }).default('top'),
    limit: z.coerce
      .number({ error: `limit must be a whole number from 1 to ${MAX_COMMENTS_PAGE_SIZE}` })
      .int(`limit must be a whole number from 1 to ${MAX_COMMENTS_PAGE_SIZE}`)
      .min(1, `limit must be a whole number from 1 to ${MAX_COMMENTS_PAGE_SIZE}`)
      .max(MAX_COMMENTS_PAGE_SIZE, `limit must be a whole number from 1 to ${MAX_COMMENTS_PAGE_SIZE}`)
      .default(COMMENTS_PAGE_SIZE),
    cursor: z.string().min(1).optional(),
  });

export const GET = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/articles/[slug]/comments'>) => {
  const { slug } = await ctx.params;
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const prisma = await readDb();
  const article = await getArticle(prisma, slug);
  if (!article) throw notFoundError('article_not_found');
  const page = await listComments(prisma, { articleId: article.id, sort: q.sort, cursor: q.cursor, limit: q.limit });
  // prevCursor: the page before this one (null on the first page), as the thread page's "上一页评论".
  return NextResponse.json({ comments: page.comments.map(commentJson), nextCursor: page.nextCursor, prevCursor: page.prevCursor });
});

/** Posts a comment or, with parentId, a reply. Idempotency-Key makes a retry safe. */
export const POST = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/articles/[slug]/comments'>) => {
  const { slug } = await ctx.params;
  const member = await sameOriginMember(req);
  const input = await readJsonObject(req);
  const prisma = db();
  const result = await createComment(prisma, member, {
    slug,
    body: input.body,
    parentId: input.parentId,
    idempotencyKey: req.headers.get('idempotency-key'),
  });
  const comment = await getComment(prisma, result.id);
  return NextResponse.json({ comment: commentJson(comment!) }, { status: result.created ? 201 : 200 });
});
