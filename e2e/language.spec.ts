import { test, expect, SEED_SLUG } from './fixtures.ts';

for (const javaScriptEnabled of [true, false]) {
  test(`the language switch works and is remembered (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`/articles/${SEED_SLUG}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { name: '评论 (15)' })).toBeVisible();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${SEED_SLUG}$`));
    await expect(page.getByRole('heading', { name: 'Comments (15)' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.replies .reply-to').first()).toHaveText('Reply to @留一半清醒一半醉');
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'All threads' })).toBeVisible();
    await expect(page.locator('.count').first()).toHaveText(/^\d+ comments?$/);
    await page.getByRole('button', { name: '切换到中文' }).click();
    await expect(page.getByRole('heading', { name: '全部话题' })).toBeVisible();
    await context.close();
  });
}

test('a browser that asks for English gets English without choosing', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`/articles/${SEED_SLUG}`);
  await expect(page.getByRole('heading', { name: 'Comments (15)' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sort' }).getByRole('link', { name: 'Most liked' })).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: 'docs/screenshots/thread-en.png' });
  const res = await page.goto('/articles/missing');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await context.close();
});
