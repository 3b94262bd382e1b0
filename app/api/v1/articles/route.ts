import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { readDb } from '@/lib/db/replica.ts';
import { handle } from '@/lib/api/errors.ts';
import { listArticles } from '@/lib/threads/list-articles.ts';
import { isoChinaTime } from '@/lib/time.ts';

const query = z.object({ cursor: z.string().min(1).optional() });

export const GET = handle(async (req: NextRequest) => {
  const { cursor } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await listArticles(await readDb(), { cursor });
  return NextResponse.json({
    articles: page.articles.map((a) => ({
      slug: a.slug,
      title: a.title,
      source: a.source,
      publishedAt: isoChinaTime(a.publishedAt),
      commentCount: a.commentCount,
      lastActivityAt: isoChinaTime(a.lastActivityAt),
    })),
    nextCursor: page.nextCursor,
    // The page before this one (null on the first), as the thread list's "newer" link.
    prevCursor: page.prevCursor,
  });
});
