// GET /api/v1/search?q=WORDS&cursor= — what a reader finds (lib/search/search.ts):
// { "query", "articles": [{ "slug", "title", "commentCount", "titleMarks" }],
//   "comments": [{ "id", "article": { "slug", "title" }, "author": { "username", "displayName" },
//   "createdAt", "likeCount", "excerpt": [{ "text", "mark" }] }], "nextCursor", "recentOnly" }
// ("recentOnly": the query matched too much to rank whole; these are the best among the newest
// comments). 429 with Retry-After past YILUN_RATE_LIMIT_SEARCHES from one address.
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/errors.ts';
import { readDb } from '@/lib/db/replica.ts';
import { db } from '@/lib/db/client.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { countReaderSearch, searchForReaders } from '@/lib/search/search.ts';
import { searchJson } from '@/lib/search/json.ts';

export const GET = handle(async (req: NextRequest) => {
  const sp = req.nextUrl.searchParams;
  await countReaderSearch(db(), sp.get('q'), requestAddress(req.headers));
  const page = await searchForReaders(await readDb(), { q: sp.get('q') ?? '', cursor: sp.get('cursor') });
  return NextResponse.json(searchJson(page), { headers: { 'Cache-Control': 'no-store' } });
});
