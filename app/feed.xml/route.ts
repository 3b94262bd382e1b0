import { connection } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { atomResponse } from '@/lib/feeds/atom.ts';
import { threadsFeed } from '@/lib/feeds/feeds.ts';
import { siteOrigin } from '@/lib/feeds/site-url.ts';
import zh from '@/messages/zh-CN.json';

/** GET /feed.xml: an Atom feed of the threads, most recently active first. */
export async function GET() {
  await connection();
  return atomResponse(await threadsFeed(db(), await siteOrigin(), `${zh.site.name} · ${zh.site.tagline}`));
}
