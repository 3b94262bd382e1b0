// GET /api/v1/counts?site=ID&urls=PAGE&urls=PAGE… — how many visible comments the thread of
// each page of a publisher's site has (0 for a page without one), for a list of article links
// (public/count.js fills them in). Answers { "counts": { "<url as asked>": n } }, public to
// shared caches for a few seconds like the thread pages, to any origin.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { readDb } from '@/lib/db/replica.ts';
import { handle } from '@/lib/api/errors.ts';
import { canonicalPageUrl } from '@/lib/embed/canonical-url.ts';
import { siteById } from '@/lib/embed/sites.ts';
import { DomainError } from '@/lib/errors.ts';
import { PUBLIC_CACHE_CONTROL } from '@/lib/cache/public-pages.js';
import { visibleArticle } from '@/lib/articles/visibility.ts';

const MAX_URLS = 100;

export const GET = handle(async (req: Request) => {
  const q = new URL(req.url).searchParams;
  const site = await siteById(db(), q.get('site') ?? '');
  if (!site) throw new DomainError(404, 'site_not_found');
  const urls = q.getAll('urls').flatMap((u) => u.split('\n')).filter(Boolean);
  if (urls.length > MAX_URLS) throw new DomainError(400, 'bad_request', { urls: 'too_many' });
  const canonical = new Map(urls.map((u) => [u, canonicalPageUrl(u, site.keepParams)]));
  const wanted = [...new Set([...canonical.values()].filter((u): u is string => u !== null))];
  const rows = wanted.length
    ? await (await readDb()).article.findMany({ where: { siteId: site.id, pageUrl: { in: wanted }, ...visibleArticle() }, select: { pageUrl: true, commentCount: true } })
    : [];
  const byUrl = new Map(rows.map((r) => [r.pageUrl, r.commentCount]));
  const counts = Object.fromEntries(urls.map((u) => [u, byUrl.get(canonical.get(u) ?? '') ?? 0]));
  return NextResponse.json({ counts }, { headers: { 'Cache-Control': PUBLIC_CACHE_CONTROL, 'Access-Control-Allow-Origin': '*' } });
});
