// Staff publish articles: checked fields, nothing half-saved, slugs unique, taken down and
// back; readers never see an article that is down.
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, setPublishers, updateArticle } from '../lib/articles/publish.ts';
import { getArticle } from '../lib/threads/get-article.ts';
import { listArticles } from '../lib/threads/list-articles.ts';
import { createComment } from '../lib/comments/create-comment.ts';
import { threadsFeed } from '../lib/feeds/feeds.ts';
import type { Actor } from '../lib/policy.ts';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';
import { createMembers } from './support/members.ts';

const { prisma, sql } = await freshDatabase();
type M = Actor & { username: string };
let mod: M, admin: M, member: M;

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  [mod] = await createMembers(sql, 'pubmod', 1, { role: 'moderator' });
  [admin] = await createMembers(sql, 'pubadmin', 1, { role: 'admin' });
  [member] = await createMembers(sql, 'pubmember', 1);
});

const good = { title: '一篇新文章', source: '议论编辑部', body: '第一段。\n\n第二段，\n同一段的第二行。\n\n\n第三段。' };

describe('publishing', () => {
  it('publishes with paragraphs split at blank lines, a summary, and logs it', async () => {
    const a = await createArticle(prisma, mod, { ...good, slug: 'first-article', sourceUrl: 'https://example.com/a' });
    expect(a).toMatchObject({ slug: 'first-article', scheduled: false });
    const stored = await prisma.article.findUniqueOrThrow({ where: { slug: 'first-article' } });
    expect(stored.paragraphs).toEqual(['第一段。', '第二段，\n同一段的第二行。', '第三段。']);
    expect(stored).toMatchObject({ summary: '第一段。', sourceSite: '议论编辑部', sourceUrl: 'https://example.com/a', publishedById: mod.id, unpublishedAt: null });
    expect(await prisma.moderationAction.count({ where: { action: 'article:publish', articleId: stored.id } })).toBe(1);
    expect((await listArticles(prisma)).articles.map((x) => x.slug)).toContain('first-article');
  });

  it.each([
    [{ ...good, title: '  ' }, { title: 'title_required' }],
    [{ ...good, title: '长'.repeat(201) }, { title: 'title_long' }],
    [{ ...good, body: '' }, { body: 'article_body_required' }],
    [{ ...good, body: '长'.repeat(50_001) }, { body: 'article_body_long' }],
    [{ ...good, source: '' }, { source: 'source_required' }],
    [{ ...good, sourceUrl: 'javascript:alert(1)' }, { sourceUrl: 'source_url_invalid' }],
    [{ ...good, publishedAt: 'tomorrow-ish' }, { publishedAt: 'published_at_invalid' }],
    [{ ...good, slug: 'Bad Slug' }, { slug: 'slug_invalid' }],
  ])('refuses %j with its field, and stores nothing', async (input, fields) => {
    const before = await prisma.article.count();
    const err = await refusal(createArticle(prisma, mod, input));
    expect(err.status).toBe(422);
    expect(err.fields).toEqual(fields);
    expect(await prisma.article.count()).toBe(before);
  });

  it('a slug collision is a field error; a future time is allowed and scheduled', async () => {
    await createArticle(prisma, mod, { ...good, slug: 'taken-slug' });
    expect((await refusal(createArticle(prisma, mod, { ...good, slug: 'taken-slug' }))).fields).toEqual({ slug: 'slug_taken' });
    const later = await createArticle(prisma, mod, { ...good, publishedAt: '2099-01-01T09:00' });
    expect(later.scheduled).toBe(true);
    expect(later.publishedAt.toISOString()).toBe('2099-01-01T01:00:00.000Z');
  });

  it('members cannot publish; admins can keep publishing to themselves', async () => {
    expect((await refusal(createArticle(prisma, member, good))).status).toBe(403);
    expect((await refusal(createArticle(prisma, null, good))).status).toBe(401);
    await setPublishers(prisma, admin, 'admins');
    try {
      expect((await refusal(createArticle(prisma, mod, good))).status).toBe(403);
      await createArticle(prisma, admin, good);
      expect((await refusal(setPublishers(prisma, mod, 'staff'))).status).toBe(403);
    } finally {
      await setPublishers(prisma, admin, 'staff');
    }
  });
});

describe('editing and taking down', () => {
  it('edits; taken down, readers get nothing (page, list, feed, new comments); put back, all returns', async () => {
    await createArticle(prisma, mod, { ...good, slug: 'down-and-up' });
    await updateArticle(prisma, mod, 'down-and-up', { title: '改过的标题', body: '新的正文。' });
    expect(await getArticle(prisma, 'down-and-up')).toMatchObject({ title: '改过的标题', paragraphs: ['新的正文。'] });
    expect(await updateArticle(prisma, mod, 'down-and-up', { published: false })).toMatchObject({ published: false });
    expect(await getArticle(prisma, 'down-and-up')).toBeNull();
    expect((await listArticles(prisma, { limit: 100 })).articles.map((x) => x.slug)).not.toContain('down-and-up');
    expect(await threadsFeed(prisma, 'https://x', 'x')).not.toContain('down-and-up');
    expect((await refusal(createComment(prisma, member, { slug: 'down-and-up', body: '还能评论吗' }))).code).toBe('article_not_found');
    await updateArticle(prisma, mod, 'down-and-up', { published: true });
    expect(await getArticle(prisma, 'down-and-up')).not.toBeNull();
    const log = await prisma.moderationAction.findMany({ where: { article: { slug: 'down-and-up' } }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(log.map((l) => l.action)).toEqual(['article:publish', 'article:edit', 'article:unpublish', 'article:republish']);
    expect((await refusal(updateArticle(prisma, mod, 'no-such', { title: 'x' }))).code).toBe('article_not_found');
    expect((await refusal(updateArticle(prisma, mod, 'down-and-up', { published: 'yes' }))).fields).toEqual({ published: 'published_invalid' });
  });
});

describe('the thread list pages both ways', () => {
  it('older pages, then newer ones back to the first, each thread once and in order', async () => {
    for (let i = 0; i < 7; i++) await createArticle(prisma, mod, { ...good, slug: `paged-${i}`, title: `分页 ${i}` });
    const all = (await listArticles(prisma, { limit: 1000 })).articles.map((a) => a.slug);
    const forward: string[][] = [];
    let page = await listArticles(prisma, { limit: 3 });
    expect(page.prevCursor).toBeNull();
    forward.push(page.articles.map((a) => a.slug));
    const cursors: string[] = [];
    while (page.nextCursor) {
      cursors.push(page.nextCursor);
      page = await listArticles(prisma, { limit: 3, cursor: page.nextCursor });
      forward.push(page.articles.map((a) => a.slug));
    }
    expect(forward.flat()).toEqual(all);
    // Back from the last page: the same pages in reverse order, up to the first.
    const backward: string[][] = [page.articles.map((a) => a.slug)];
    while (page.prevCursor) {
      page = await listArticles(prisma, { limit: 3, cursor: page.prevCursor });
      backward.unshift(page.articles.map((a) => a.slug));
    }
    expect(backward.flat()).toEqual(all);
    expect(backward[0]).toEqual(forward[0]);
  });
});
