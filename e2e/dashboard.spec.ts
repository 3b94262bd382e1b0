// The staff dashboard in the browser (issue 23): a moderator's morning look at how the
// community is doing, on a desktop and a phone, light and dark; the charts are images with
// their numbers in a table behind them, and the page loads no chart script.
import { expect, test } from './fixtures.ts';
import { generateThread } from '../tests/support/generate-thread.ts';

for (const view of [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, shot: 'docs/screenshots/dashboard-desktop.png', colorScheme: 'light' as const },
  { name: 'phone', viewport: { width: 390, height: 844 }, shot: 'docs/screenshots/dashboard-phone.png', colorScheme: 'dark' as const },
]) {
  test.describe(view.name, () => {
    test.use({ viewport: view.viewport, colorScheme: view.colorScheme });
    test(`a moderator reads the last 7 days and then 24 hours (${view.name}, ${view.colorScheme})`, async ({ page, member, signIn, sql }) => {
      const mod = await member({ role: 'moderator' });
      const writer = await member();
      // Something to count, in a thread of its own (the seeded one stays exactly as imported): a
      // report on a fresh comment, decided by this moderator.
      const { articleId } = await generateThread(sql, { slug: `dashboard-${view.name}-${Date.now().toString(36)}`, topLevel: 0 });
      const c = (await sql.query(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '仪表盘要数的评论') RETURNING id`, [articleId, writer.id])).rows[0].id;
      await sql.query(`INSERT INTO reports (comment_id, reporter_id, reason, created_at, resolved_at) VALUES ($1, $2, 'spam', now() - interval '40 minutes', now() - interval '15 minutes')`, [c, mod.id]);
      await sql.query(`INSERT INTO moderation_actions (moderator_id, action, comment_id) VALUES ($1, 'comment:hide', $2)`, [mod.id, c]);
      await signIn(mod);
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto('/mod');
      await page.getByRole('navigation', { name: '审核' }).getByRole('link', { name: '概况' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '社区概况' })).toBeVisible();
      await expect(page.getByRole('link', { name: '7 天' })).toHaveAttribute('aria-current', 'page');
      const activity = page.getByRole('img', { name: /评论和回复/ });
      await expect(activity).toBeVisible();
      await expect(page.getByRole('img', { name: /举报原因/ })).toBeVisible();
      await expect(page.getByRole('img', { name: /处理决定/ })).toBeVisible();
      // The numbers behind a chart.
      await page.locator('figure').first().getByText('数据表').click();
      await expect(page.locator('figure').first().locator('table tbody tr').first()).toBeVisible();
      await page.screenshot({ path: view.shot, fullPage: true });
      await page.getByRole('link', { name: '24 小时' }).click();
      await expect(page).toHaveURL(/range=24h/);
      await expect(page.getByRole('link', { name: '24 小时' })).toHaveAttribute('aria-current', 'page');
      expect(scripts.filter((u) => /chart|d3|echarts/i.test(u))).toEqual([]);
    });
  });
}

test('readers and members do not find the dashboard', async ({ page, member, signIn }) => {
  expect((await page.request.get('/mod/dashboard')).status()).toBe(404);
  await signIn(await member());
  expect((await page.request.get('/mod/dashboard')).status()).toBe(404);
});
