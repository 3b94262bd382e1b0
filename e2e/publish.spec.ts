// Staff publish, edit and take down articles in the browser and through the API.
import { test, expect } from './fixtures.ts';

test('a moderator publishes an article with a preview, fixes a refused field, edits it, takes it down and puts it back', async ({ page, browser, baseURL, member, signIn }) => {
  await signIn(await member({ role: 'moderator' }));
  await page.goto('/mod');
  await page.getByRole('navigation', { name: '审核' }).getByRole('link', { name: '发布文章' }).click();
  const form = page.getByRole('form', { name: '发布' });
  const title = `新文章 ${Date.now().toString(36)}`;
  await form.getByLabel('标题').fill(title);
  await form.getByLabel('来源').fill('议论编辑部');
  await form.getByLabel('原文链接（可选）').fill('ftp://nope');
  await form.getByLabel('正文').fill('第一段。\n\n第二段。');
  // The preview reads as the page will.
  await expect(page.getByRole('region', { name: '预览' }).locator('.article-body p')).toHaveText(['第一段。', '第二段。']);
  await form.getByRole('button', { name: '发布' }).click();
  // The browser's own check stops an ftp address in a url field; so does the server, with its message.
  await form.getByLabel('原文链接（可选）').evaluate((el: HTMLInputElement) => (el.type = 'text'));
  await form.getByRole('button', { name: '发布' }).click();
  await expect(form.getByRole('alert')).toHaveText('原文链接需是 http 或 https 地址。');
  await expect(form.getByLabel('原文链接（可选）')).toBeFocused();
  await expect(form.getByLabel('标题')).toHaveValue(title);
  await form.getByLabel('原文链接（可选）').fill('https://example.com/story');
  await form.getByRole('button', { name: '发布' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const slug = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.locator('.article-body p')).toHaveText(['第一段。', '第二段。']);

  // Listed for readers, then edited.
  const reader = await browser.newPage({ baseURL });
  await reader.goto('/');
  await expect(reader.getByRole('link', { name: title })).toBeVisible();
  await page.goto(`/mod/articles/${slug}/edit`);
  const edit = page.getByRole('form', { name: '保存修改' });
  await edit.getByLabel('标题').fill(`${title}（更新）`);
  await edit.getByRole('button', { name: '保存修改' }).click();
  await expect(edit.getByRole('status')).toHaveText('已保存。');
  await reader.goto(`/articles/${slug}`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(`${title}（更新）`);

  // Taken down: readers get "not found"; put back: it returns.
  // Asked twice: without the confirmation nothing happens, and the form says why.
  await page.getByRole('button', { name: '撤下' }).click();
  await expect(page.getByRole('form', { name: '撤下文章' }).getByRole('alert')).toHaveText('撤下前请勾选确认。');
  expect((await reader.goto(`/articles/${slug}`))!.status()).toBe(200);
  await page.getByLabel(/^确认撤下/).check();
  await page.getByRole('button', { name: '撤下' }).click();
  await expect(page.getByText('已撤下：读者看不到')).toBeVisible();
  const gone = await reader.goto(`/articles/${slug}`);
  expect(gone!.status()).toBe(404);
  await page.getByRole('button', { name: '重新发布' }).click();
  await expect(page.getByRole('link', { name: '查看文章' })).toBeVisible();
  expect((await reader.goto(`/articles/${slug}`))!.status()).toBe(200);
  await reader.close();
});

test('the publishing API: 201 with the article, field errors in the reader’s language, members refused', async ({ request, member, baseURL }) => {
  const { sessionCookie } = await import('./fixtures.ts');
  const { SESSION_COOKIE } = await import('./support/env.ts');
  const as = async (m: { id: number }) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL! });
  const mod = await as(await member({ role: 'moderator' }));
  const slug = `api-${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/mod/articles', { headers: mod, data: { title: 'API 文章', source: '接口', body: '正文。', slug, publishedAt: '2026-03-01T08:00:00+08:00' } });
  expect(created.status()).toBe(201);
  expect(await created.json()).toEqual({ article: { slug, title: 'API 文章', publishedAt: '2026-03-01T08:00:00+08:00', scheduled: false } });
  const again = await request.post('/api/v1/mod/articles', { headers: { ...mod, 'accept-language': 'en' }, data: { title: 'x', source: 'y', body: 'z', slug } });
  expect(again.status()).toBe(422);
  expect((await again.json()).error.fields).toEqual({ slug: 'Another article already has this address.' });
  const patched = await request.patch(`/api/v1/mod/articles/${slug}`, { headers: mod, data: { published: false } });
  expect(await patched.json()).toMatchObject({ article: { slug, published: false } });
  expect((await request.get(`/api/v1/articles/${slug}`)).status()).toBe(404);
  const asMember = await request.post('/api/v1/mod/articles', { headers: await as(await member()), data: { title: 'x', source: 'y', body: 'z' } });
  expect(asMember.status()).toBe(403);
});
