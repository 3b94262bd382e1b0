import { NextResponse } from 'next/server';
import { readDb } from '@/lib/db/replica.ts';
import { handle } from '@/lib/api/errors.ts';
import { notFoundError } from '@/lib/errors.ts';
import { getArticle } from '@/lib/threads/get-article.ts';
import { isoChinaTime } from '@/lib/time.ts';

export const GET = handle(async (_req: Request, ctx: RouteContext<'/api/v1/articles/[slug]'>) => {
  const { slug } = await ctx.params;
  const article = await getArticle(await readDb(), slug);
  if (!article) throw notFoundError('article_not_found');
  return NextResponse.json({
    article: {
      slug: article.slug,
      title: article.title,
      source: article.sourceSite,
      publishedAt: isoChinaTime(article.publishedAt),
      paragraphs: article.paragraphs,
      commentCount: article.commentCount,
      locked: article.locked,
    },
  });
});
