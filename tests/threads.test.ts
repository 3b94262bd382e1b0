import { beforeAll, describe, expect, it } from 'vitest';
import { BadCursorError, encodeCursor } from '../lib/threads/cursor.ts';
import { listComments, REPLY_CAP, type Sort } from '../lib/threads/list-comments.ts';
import { listArticles } from '../lib/threads/list-articles.ts';
import { getCommentThread } from '../lib/threads/get-comment-thread.ts';
import { freshDatabase } from './support/db.ts';
import { generateThread, type GeneratedThread } from './support/generate-thread.ts';

const { prisma, sql } = await freshDatabase();
let thread: GeneratedThread;

beforeAll(async () => {
  // 700 top-level comments with many tied like counts and tied times; 40 of them with 8 replies.
  thread = await generateThread(sql, { slug: 'paging', topLevel: 700, rootsWithReplies: 40, repliesPerRoot: 8 });
});

async function walk(sort: Sort, limit: number) {
  const seen: number[] = [];
  const pages: number[][] = [];
  let cursor: string | null = null;
  do {
    const page = await listComments(prisma, { articleId: thread.articleId, sort, cursor, limit });
    pages.push(page.comments.map((c) => c.id));
    seen.push(...page.comments.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { seen, pages };
}

describe('paging through a thread by keyset cursor', () => {
  it.each(['top', 'new', 'old', 'hot'] as const)('%s: every top-level comment exactly once, in order', async (sort) => {
    const { seen, pages } = await walk(sort, 64);
    expect(seen).toHaveLength(700);
    expect(new Set(seen).size).toBe(700);
    expect(pages.length).toBe(Math.ceil(700 / 64));
    if (sort === 'hot') {
      // Hot: by likes and replies decayed by age, computed for one instant across the pages.
      const at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const all = await prisma.comment.findMany({ where: { articleId: thread.articleId, depth: 0 }, select: { id: true, likeCount: true, threadReplyCount: true, createdAt: true } });
      const score = (c: (typeof all)[number]) => (c.likeCount + c.threadReplyCount) / Math.pow(Math.max((at.getTime() - c.createdAt.getTime()) / 3_600_000, 0) + 2, 1.8);
      const expected = all.sort((a, b) => score(b) - score(a) || b.id - a.id).map((c) => c.id);
      // Scores equal to the last bit may order differently in JavaScript and PostgreSQL: compare as sets of pages near ties.
      expect(seen.slice(0, 20)).toEqual(expected.slice(0, 20));
      return;
    }
    const rows = await prisma.comment.findMany({
      where: { articleId: thread.articleId, depth: 0 },
      orderBy:
        sort === 'top'
          ? [{ likeCount: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }]
          : sort === 'new'
            ? [{ createdAt: 'desc' }, { id: 'desc' }]
            : [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    expect(seen).toEqual(rows.map((r) => r.id));
  });

  it.each(['top', 'hot', 'new', 'old'] as const)('%s: back from the last page, the same comments in the same order', async (sort) => {
    const { seen } = await walk(sort, 64);
    let page = await listComments(prisma, { articleId: thread.articleId, sort, limit: 64 });
    while (page.nextCursor) page = await listComments(prisma, { articleId: thread.articleId, sort, limit: 64, cursor: page.nextCursor });
    const back: number[][] = [page.comments.map((c) => c.id)];
    while (page.prevCursor) {
      page = await listComments(prisma, { articleId: thread.articleId, sort, limit: 64, cursor: page.prevCursor });
      back.unshift(page.comments.map((c) => c.id));
    }
    expect(back.flat()).toEqual(seen);
  });

  it('hot: a fresh comment with a few likes and replies outranks an old one with more likes; a cursor keeps the ranking of the first page', async () => {
    const { articleId } = await generateThread(sql, { slug: 'hot-order', topLevel: 3 });
    const [old, fresh, quiet] = await prisma.comment.findMany({ where: { articleId, depth: 0 }, orderBy: { id: 'asc' } });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await prisma.comment.update({ where: { id: old.id }, data: { likeCount: 10, threadReplyCount: 0, createdAt: hoursAgo(48) } });
    await prisma.comment.update({ where: { id: fresh.id }, data: { likeCount: 2, threadReplyCount: 1, createdAt: hoursAgo(1) } });
    await prisma.comment.update({ where: { id: quiet.id }, data: { likeCount: 0, threadReplyCount: 0, createdAt: hoursAgo(0.5) } });
    const first = await listComments(prisma, { articleId, sort: 'hot', limit: 1 });
    expect(first.comments.map((c) => c.id)).toEqual([fresh.id]);
    const second = await listComments(prisma, { articleId, sort: 'hot', limit: 1, cursor: first.nextCursor });
    const third = await listComments(prisma, { articleId, sort: 'hot', limit: 1, cursor: second.nextCursor });
    expect([...second.comments, ...third.comments].map((c) => c.id)).toEqual([old.id, quiet.id]);
    expect(third.nextCursor).toBeNull();
  });

  it('shows at most the reply cap under a comment and counts the rest', async () => {
    const page = await listComments(prisma, { articleId: thread.articleId, sort: 'old', limit: 50 });
    const withReplies = page.comments.filter((c) => c.threadReplyCount > 0);
    expect(withReplies.length).toBeGreaterThan(0);
    for (const c of withReplies) {
      expect(c.replies).toHaveLength(REPLY_CAP);
      expect(c.moreReplies).toBe(8 - REPLY_CAP);
      // Replies come oldest first.
      const times = c.replies.map((r) => r.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('refuses a forged cursor and one made for another sort', async () => {
    for (const cursor of ['abc', encodeCursor({ s: 'top', l: 'x' }), encodeCursor({ s: 'new', t: '2026-01-01T00:00:00Z', i: 1, extra: 1 })]) {
      await expect(listComments(prisma, { articleId: thread.articleId, sort: 'top', cursor })).rejects.toBeInstanceOf(BadCursorError);
    }
    const newCursor = (await listComments(prisma, { articleId: thread.articleId, sort: 'new', limit: 5 })).nextCursor!;
    await expect(listComments(prisma, { articleId: thread.articleId, sort: 'top', cursor: newCursor })).rejects.toBeInstanceOf(BadCursorError);
  });

  it('a comment permalink pages through all replies of its conversation, both ways from the linked reply', async () => {
    const root = await prisma.comment.findFirstOrThrow({ where: { articleId: thread.articleId, threadReplyCount: 8 } });
    const replies = await prisma.comment.findMany({ where: { rootId: root.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const linked = replies[5];
    const start = (await getCommentThread(prisma, { articleId: thread.articleId, commentId: linked.id, limit: 3 }))!;
    expect(start.root.id).toBe(root.id);
    const ids = start.root.replies.map((r) => r.id);
    expect(ids).toContain(linked.id);
    for (const dir of ['prevCursor', 'nextCursor'] as const) {
      let cursor = start[dir];
      while (cursor) {
        const page = (await getCommentThread(prisma, { articleId: thread.articleId, commentId: linked.id, cursor, limit: 3 }))!;
        ids.push(...page.root.replies.map((r) => r.id));
        cursor = page[dir];
      }
    }
    expect(ids.sort((a, b) => a - b)).toEqual(replies.map((r) => r.id).sort((a, b) => a - b));
    expect(await getCommentThread(prisma, { articleId: thread.articleId + 999, commentId: linked.id })).toBeNull();
  });

  it('a permalink to the 150th reply of a conversation shows it, with its parent and the way to earlier and later replies', async () => {
    const { articleId } = await generateThread(sql, { slug: 'long-conversation', topLevel: 1, rootsWithReplies: 1, repliesPerRoot: 200 });
    const root = await prisma.comment.findFirstOrThrow({ where: { articleId, depth: 0 } });
    const replies = await prisma.comment.findMany({ where: { rootId: root.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const target = replies[149];
    const page = (await getCommentThread(prisma, { articleId, commentId: target.id }))!;
    const shown = page.root.replies.map((r) => r.id);
    expect(shown).toContain(target.id);
    expect(page.prevCursor).not.toBeNull();
    expect(page.nextCursor).toBeNull();
    const earlier = (await getCommentThread(prisma, { articleId, commentId: target.id, cursor: page.prevCursor }))!;
    expect(earlier.root.replies.at(-1)!.createdAt.getTime()).toBeLessThanOrEqual(target.createdAt.getTime());
  });
});

describe('what readers see', () => {
  it('hides held and hidden comments, keeps a removed comment with replies as a tombstone, drops one without', async () => {
    const { articleId } = await generateThread(sql, { slug: 'visibility', topLevel: 4, rootsWithReplies: 1, repliesPerRoot: 1 });
    const tops = await prisma.comment.findMany({ where: { articleId, depth: 0 }, orderBy: { id: 'asc' } });
    await prisma.comment.update({ where: { id: tops[0].id }, data: { status: 'removed' } }); // has a reply
    await prisma.comment.update({ where: { id: tops[1].id }, data: { status: 'removed' } });
    await prisma.comment.update({ where: { id: tops[2].id }, data: { status: 'held' } });
    const page = await listComments(prisma, { articleId, sort: 'old' });
    expect(page.comments.map((c) => [c.id, c.status, c.replies.length])).toEqual([
      [tops[0].id, 'removed', 1],
      [tops[3].id, 'visible', 0],
    ]);
  });
});

describe('the thread list', () => {
  it('pages through articles by last activity, each once', async () => {
    for (let i = 0; i < 5; i++) await generateThread(sql, { slug: `list-${i}`, topLevel: 1 });
    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listArticles(prisma, { cursor, limit: 2 });
      slugs.push(...page.articles.map((a) => a.slug));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await prisma.article.findMany({ orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }], select: { slug: true } });
    expect(slugs).toEqual(all.map((a) => a.slug));
  });
});
