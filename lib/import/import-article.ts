// Imports a parsed article page in one transaction: the article, its commenters as members
// who cannot sign in, the comments and replies with their like counts. Importing the same
// article again changes nothing.
import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { usernameKey } from '../users/username.ts';
import type { ParsedArticlePage } from './parse-article-page.ts';

export interface ImportResult {
  slug: string;
  created: boolean;
  comments: number;
}

/** Stable slug for an article: the same site and title always give the same slug. */
export function articleSlug(site: string, title: string): string {
  return crypto.createHash('sha256').update(`${site}\n${title}`).digest('hex').slice(0, 12);
}

/** Imported names become usernames as they are, with white space made into `_`. */
function importedUsername(name: string): string {
  return name.trim().replace(/\s+/g, '_').slice(0, 32);
}

export async function importArticlePage(
  prisma: PrismaClient,
  page: ParsedArticlePage,
  opts: { slug?: string } = {},
): Promise<ImportResult> {
  const slug = opts.slug ?? articleSlug(page.site, page.title);
  const all = page.comments.flatMap((c) => [c, ...c.replies]);
  const times = all.map((c) => c.createdAt.getTime());

  return prisma.$transaction(async (tx) => {
    const existing = await tx.article.findUnique({ where: { slug }, select: { id: true } });
    if (existing) return { slug, created: false, comments: 0 };

    // One member per distinct name from this site; a name seen in an earlier import from
    // the same site is the same member.
    const members = new Map<string, number>();
    for (const name of new Set(all.map((c) => c.name))) {
      const found = await tx.user.findFirst({
        where: { importedFrom: page.site, displayName: name },
        select: { id: true },
      });
      if (found) {
        members.set(name, found.id);
        continue;
      }
      let username = importedUsername(name);
      for (let n = 2; await tx.user.findUnique({ where: { usernameKey: usernameKey(username) }, select: { id: true } }); n++) {
        username = `${importedUsername(name).slice(0, 28)}_${n}`;
      }
      const user = await tx.user.create({
        data: { username, usernameKey: usernameKey(username), displayName: name, passwordHash: null, importedFrom: page.site },
        select: { id: true },
      });
      members.set(name, user.id);
    }

    const article = await tx.article.create({
      data: {
        slug,
        title: page.title,
        summary: page.paragraphs[0]?.slice(0, 140) ?? '',
        paragraphs: page.paragraphs,
        sourceSite: page.site,
        // The page gives no publication time; the first comment is the latest it can be.
        publishedAt: new Date(times.length ? Math.min(...times) : Date.now()),
        lastActivityAt: new Date(times.length ? Math.max(...times) : Date.now()),
        commentCount: all.length,
      },
      select: { id: true },
    });

    for (const c of page.comments) {
      const top = await tx.comment.create({
        data: {
          articleId: article.id,
          authorId: members.get(c.name)!,
          body: c.body,
          createdAt: c.createdAt,
          likeCount: c.likes,
          baseLikeCount: c.likes,
          replyCount: c.replies.length,
          threadReplyCount: c.replies.length,
        },
        select: { id: true },
      });
      if (c.replies.length) {
        await tx.comment.createMany({
          data: c.replies.map((r) => ({
            articleId: article.id,
            authorId: members.get(r.name)!,
            parentId: top.id,
            rootId: top.id,
            depth: 1,
            body: r.body,
            createdAt: r.createdAt,
          })),
        });
      }
    }
    return { slug, created: true, comments: all.length };
  });
}
