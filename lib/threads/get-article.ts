import 'server-only';
import { cache } from 'react';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { plausibleSlug, visibleArticle } from '../articles/visibility.ts';

export type ArticleView = NonNullable<Awaited<ReturnType<typeof getArticle>>>;

/** One query per request: the page's metadata and its body share it. */
export const getArticle = cache(async (prisma: PrismaClient, slug: string) =>
  !plausibleSlug(slug) ? null : prisma.article.findUnique({
    // An article staff took down is as unknown to readers as one that never existed.
    where: { slug, ...visibleArticle() },
    select: {
      id: true, slug: true, title: true, sourceSite: true, sourceUrl: true, publishedAt: true,
      summary: true, paragraphs: true, commentCount: true, locked: true, lockReason: true, lastActivityAt: true, premod: true, premodUntil: true, siteId: true,
    },
  }),
);
