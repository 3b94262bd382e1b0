import { connection } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { atomResponse } from '@/lib/feeds/atom.ts';
import { commentsFeed } from '@/lib/feeds/feeds.ts';
import { siteOrigin } from '@/lib/feeds/site-url.ts';
import { pathParam } from '@/lib/path-param.ts';

/** GET /articles/{slug}/feed.xml: an Atom feed of the thread's visible comments, newest first. */
export async function GET(_req: Request, ctx: RouteContext<'/articles/[slug]/feed.xml'>) {
  await connection();
  const { slug } = await ctx.params;
  const xml = await commentsFeed(db(), await siteOrigin(), pathParam(slug));
  if (!xml) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return atomResponse(xml);
}
