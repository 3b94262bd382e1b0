import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { siteOrigin } from '@/lib/feeds/site-url.ts';

/** robots.txt: threads, permalinks, profiles and feeds are for everyone; staff, account and API pages are not. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection();
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/mod', '/api/', '/settings', '/notifications', '/signin', '/signup', '/cached/'] },
    sitemap: `${await siteOrigin()}/sitemap.xml`,
  };
}
