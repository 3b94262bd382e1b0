import 'server-only';
import type { PrismaClient } from '../generated/prisma/client.ts';

export type ArticleView = NonNullable<Awaited<ReturnType<typeof getArticle>>>;

export async function getArticle(prisma: PrismaClient, slug: string) {
  return prisma.article.findUnique({
    where: { slug },
    select: {
      id: true, slug: true, title: true, sourceSite: true, sourceUrl: true, publishedAt: true,
      paragraphs: true, commentCount: true, locked: true, lockReason: true, lastActivityAt: true, premod: true, premodUntil: true,
    },
  });
}
