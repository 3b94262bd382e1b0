import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, follow } from './fixtures.ts';

test.describe('a thread of 2 000 comments', () => {
  test.use({ javaScriptEnabled: false });

  test('pages through every comment once, in order, by "更多评论"', async ({ page, sql }) => {
    test.setTimeout(240_000);
    const slug = `paging-${Date.now().toString(36)}`;
    // 2 000 top-level comments, 30 of them with 3 replies (all within the reply cap).
    const thread = await generateThread(sql, { slug, topLevel: 2_000, rootsWithReplies: 30, repliesPerRoot: 3 });
    try {
      const expected = (
        await sql.query<{ id: number }>(
          'SELECT id FROM comments WHERE article_id = $1 AND depth = 0 ORDER BY like_count DESC, created_at, id',
          [thread.articleId],
        )
      ).rows.map((r) => r.id);
      const seenTop: number[] = [];
      const seenReplies: number[] = [];
      await page.goto(`/articles/${slug}`);
      await expect(page.getByRole('heading', { name: `评论 (${thread.total})` })).toBeVisible();
      for (let pages = 1; ; pages++) {
        seenTop.push(...(await page.locator('.comment-list > li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id'))))));
        seenReplies.push(...(await page.locator('.replies > li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id'))))));
        const more = page.getByRole('link', { name: '更多评论' });
        if ((await more.count()) === 0) break;
        expect(pages).toBeLessThan(100);
        await follow(page, more);
        await expect(page.locator('.later-page')).toBeVisible();
      }
      expect(seenTop).toHaveLength(2_000);
      expect(new Set(seenTop).size).toBe(2_000);
      expect(seenTop).toEqual(expected);
      expect(new Set(seenReplies).size).toBe(90);
      expect(seenReplies).toHaveLength(90);
      // And back by "上一页评论", page by page, to the first.
      const back: number[] = [];
      for (let pages = 1; ; pages++) {
        back.unshift(...(await page.locator('.comment-list > li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id'))))));
        const prev = page.getByRole('link', { name: '上一页评论' });
        if ((await prev.count()) === 0) break;
        expect(pages).toBeLessThan(100);
        await follow(page, prev);
      }
      expect(back.slice(-seenTop.length)).toEqual(seenTop.slice(-back.length));
      expect(back).toEqual(expected.slice(0, back.length));
    } finally {
      await sql.query('DELETE FROM articles WHERE id = $1', [thread.articleId]);
    }
  });
});
