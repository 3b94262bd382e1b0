import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { visibleArticle } from '@/lib/articles/visibility.ts';
import { siteOrigin } from '@/lib/feeds/site-url.ts';

/** sitemap.xml: the home page and every thread (one URL each: sorts and pages are variants of it). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const origin = await siteOrigin();
  const articles = await db().article.findMany({ where: visibleArticle(), orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }], take: 50_000, select: { slug: true, lastActivityAt: true } });
  return [
    { url: `${origin}/`, lastModified: articles[0]?.lastActivityAt, changeFrequency: 'hourly' },
    ...articles.map((a) => ({ url: `${origin}/articles/${encodeURIComponent(a.slug)}`, lastModified: a.lastActivityAt, changeFrequency: 'hourly' as const })),
  ];
}
