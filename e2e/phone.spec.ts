// On a phone: the header keeps to one line in both languages, signed in or out; nothing
// scrolls sideways at 320 px; the menu holds the rest; the comments are one tap away.
import { test, expect, SEED_SLUG, signInContext } from './fixtures.ts';
import type { Page } from '@playwright/test';

const headerOnOneLine = async (page: Page) => {
  const box = await page.locator('.site-header').boundingBox();
  const brand = await page.locator('.brand-name').boundingBox();
  // One line: the header is no taller than its tallest control plus padding.
  expect(box!.height, 'header height').toBeLessThan(70);
  for (const el of await page.locator('.site-header > *:visible').all()) {
    const b = await el.boundingBox();
    expect(Math.abs(b!.y + b!.height / 2 - (brand!.y + brand!.height / 2)), 'items side by side').toBeLessThan(16);
  }
};
const noSideScroll = async (page: Page) => {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
};

for (const locale of ['zh-CN', 'en'] as const) {
  for (const signedIn of [false, true]) {
    test(`the header on a phone: one line (${locale}, ${signedIn ? 'signed in' : 'signed out'})`, async ({ browser, baseURL, member }) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale, baseURL });
      if (signedIn) await signInContext(context, baseURL!, await member({ role: 'moderator' }));
      const page = await context.newPage();
      await page.goto(`/articles/${SEED_SLUG}`);
      await headerOnOneLine(page);
      await noSideScroll(page);
      // The menu opens with the rest: sign-in or the account, and the language.
      await page.locator('.header-menu > summary').click();
      await expect(page.locator('.header-tools .language-switch button')).toBeVisible();
      if (signedIn) await expect(page.locator('.header-tools').getByRole('link', { name: locale === 'en' ? 'Account settings' : '账号设置' })).toBeVisible();
      else await expect(page.locator('.header-tools').getByRole('link', { name: locale === 'en' ? 'Sign in' : '登录', exact: true })).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/phone-${locale}-${signedIn ? 'member' : 'reader'}.png` });
      await page.setViewportSize({ width: 320, height: 700 });
      await page.locator('.header-menu > summary').click();
      await headerOnOneLine(page);
      await noSideScroll(page);
      await context.close();
    });
  }
}

test('a phone reader jumps from the title to the comments', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', baseURL });
  const page = await context.newPage();
  await page.goto(`/articles/${SEED_SLUG}`);
  await page.getByRole('link', { name: '跳到评论 (15)' }).click();
  await expect(page.locator('#comments-heading')).toBeInViewport();
  await context.close();
});

test('times read as how long ago, with the exact China time on hover: on the shared page and on a member’s alike', async ({ browser, baseURL, sql, member }) => {
  const slug = `times-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '时间', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const m = await member();
  await sql.query(
    `INSERT INTO comments (article_id, author_id, body, created_at) SELECT id, $2, '五分钟前的评论', now() - interval '5 minutes 10 seconds' FROM articles WHERE slug = $1`,
    [slug, m.id],
  );
  await sql.query(`UPDATE articles SET comment_count = 1 WHERE slug = $1`, [slug]);
  for (const signedIn of [false, true]) {
    const context = await browser.newContext({ locale: 'zh-CN', baseURL });
    if (signedIn) await signInContext(context, baseURL!, await member());
    const page = await context.newPage();
    await page.goto(`/articles/${slug}`);
    const time = page.locator('.comment-list .when time').first();
    await expect(time).toHaveText('5 分钟前');
    await expect(time).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/);
    await expect(time).toHaveAttribute('datetime', /\+08:00$/);
    await context.close();
  }
});
