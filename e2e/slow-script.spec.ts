// On a slow phone or a busy server the page shows before its script: a person types into a
// form React has not taken yet. What they typed must count from the moment React arrives
// (the character count, the article preview), never start again from empty. This failed in
// CI before components/use-typed-early.ts: the preview stayed empty under load.
import type { Page } from '@playwright/test';
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect } from './fixtures.ts';

/** Holds the page's scripts back until the returned function is called. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/**/*.js', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('a comment typed before the script arrives is counted when it does', async ({ page, sql, member, signIn }) => {
  const slug = `slow-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  await generateThread(sql, { slug, topLevel: 1 });
  await signIn(await member());
  const release = await holdScripts(page);
  await page.goto(`/articles/${slug}`, { waitUntil: 'domcontentloaded' });
  const form = page.getByRole('form', { name: '发表评论' });
  await form.getByRole('textbox', { name: '发表评论' }).fill('还没加载完就打的字');
  release();
  await expect(form.getByText('还可以输入 1991 字')).toBeVisible();
  await expect(form.getByRole('textbox', { name: '发表评论' })).toHaveValue('还没加载完就打的字');
});

test('an article typed before the script arrives is previewed when it does', async ({ page, member, signIn }) => {
  await signIn(await member({ role: 'moderator' }));
  const release = await holdScripts(page);
  await page.goto('/mod/articles/new', { waitUntil: 'domcontentloaded' });
  const form = page.getByRole('form', { name: '发布' });
  await form.getByLabel('标题').fill('慢慢加载的文章');
  await form.getByLabel('正文').fill('第一段。\n\n第二段。');
  release();
  const preview = page.getByRole('region', { name: '预览' });
  await expect(preview.getByRole('heading')).toHaveText('慢慢加载的文章');
  await expect(preview.locator('.article-body p')).toHaveText(['第一段。', '第二段。']);
});
