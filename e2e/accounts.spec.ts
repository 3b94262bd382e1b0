import { generateThread } from '../tests/support/generate-thread.ts';
import { awaitFreshWindow } from '../tests/support/rate-window.ts';
import { test, expect, MEMBER_PASSWORD, signInContext } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

const uniqueName = () => `新人_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`accounts with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('sign up from an article, come back signed in, sign out, a wrong password, sign in again', async ({ page, sql }) => {
      const slug = `acct-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now().toString(36)}`;
      await generateThread(sql, { slug, topLevel: 2 });
      const name = uniqueName();
      // Display names are unique by how they look: each run's own.
      const shown = `小新${name.slice(-4)} 🐣`;
      await page.goto(`/articles/${slug}`);
      await page.getByRole('link', { name: '登录后参与讨论' }).click();
      await expect(page.getByRole('heading', { name: '登录议论' })).toBeVisible();
      await page.getByRole('link', { name: '注册' }).last().click();
      await expect(page.getByRole('heading', { name: '注册议论账号' })).toBeVisible();

      // A common password is refused with its reason; what was typed stays.
      const form = page.getByRole('form', { name: '注册' });
      await form.getByLabel('用户名').fill(name);
      await form.getByLabel('昵称（可选）').fill(shown);
      await form.getByLabel('密码').fill('password123');
      await form.getByRole('button', { name: '注册' }).click();
      await expect(form.getByText('这个密码太常见了，很容易被猜到，请换一个。')).toBeVisible();
      // Focus goes to the field to fix (the page's own script; without it the page starts at the top).
      if (javaScriptEnabled) await expect(form.getByLabel('密码')).toBeFocused();
      await expect(form.getByLabel('用户名')).toHaveValue(name);
      await expect(form.getByLabel('昵称（可选）')).toHaveValue(shown);

      await form.getByLabel('密码').fill('my own long passphrase');
      await form.getByRole('button', { name: '注册' }).click();
      await expect(page).toHaveURL(new RegExp(`/articles/${slug}\\?sort=top#comments-heading$`));
      // A thread they have taken no part in is the members' shared page: their name is filled
      // in by its script; without JavaScript the menu just says they are signed in.
      const menu = page.locator('summary', { hasText: javaScriptEnabled ? `已登录：${shown}` : /^已登录$/ });
      await expect(menu).toBeVisible();
      await expect(page.getByRole('form', { name: '发表评论' })).toBeVisible();

      await menu.click();
      await page.getByRole('button', { name: '退出', exact: true }).click();
      // Signed out, and still on the article.
      await expect(page.getByRole('link', { name: '登录', exact: true })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/articles/${slug}`));

      await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/articles/${slug}`)}`);
      const signIn = page.getByRole('form', { name: '登录' });
      await signIn.getByLabel('用户名').fill(name.toUpperCase());
      await signIn.getByLabel('密码').fill('not my password');
      await signIn.getByRole('button', { name: '登录' }).click();
      await expect(signIn.getByText('用户名或密码不正确。')).toBeVisible();
      await expect(signIn.getByLabel('用户名')).toHaveValue(name.toUpperCase());
      await signIn.getByLabel('密码').fill('my own long passphrase');
      await signIn.getByRole('button', { name: '登录' }).click();
      await expect(page).toHaveURL(new RegExp(`/articles/${slug}$`));
      await expect(page.locator('summary', { hasText: javaScriptEnabled ? `已登录：${shown}` : /^已登录$/ })).toBeVisible();
    });
  });
}

test('an unknown user gets the same message as a wrong password', async ({ page }) => {
  await page.goto('/signin');
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill('no_such_member_anywhere');
  await form.getByLabel('密码').fill('whatever password');
  await form.getByRole('button', { name: '登录' }).click();
  await expect(form.getByText('用户名或密码不正确。')).toBeVisible();
});

test('an imported commenter cannot sign in', async ({ page }) => {
  await page.goto('/signin');
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill('笨笨老猪');
  await form.getByLabel('密码').fill('any password at all');
  await form.getByRole('button', { name: '登录' }).click();
  await expect(form.getByText('用户名或密码不正确。')).toBeVisible();
});

test('signing in with the keyboard only', async ({ page, member }) => {
  const m = await member();
  await page.goto('/signin');
  await page.getByRole('form', { name: '登录' }).getByLabel('用户名').focus();
  await page.keyboard.type(m.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(MEMBER_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`已登录：${m.displayName}`)).toBeVisible();
});

test('signing up with the keyboard only', async ({ page }) => {
  const name = uniqueName();
  await page.goto('/signup');
  await page.getByRole('form', { name: '注册' }).getByLabel('用户名').focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('键盘用户');
  await page.keyboard.press('Tab');
  await page.keyboard.type('typed by keyboard only');
  await page.keyboard.press('Enter');
  await expect(page.getByText('已登录：键盘用户')).toBeVisible();
});

test('signing out everywhere ends the sessions on other devices at once', async ({ browser, baseURL, member }) => {
  const m = await member();
  const phone = await browser.newContext();
  const laptop = await browser.newContext();
  await signInContext(phone, baseURL!, m);
  await signInContext(laptop, baseURL!, m);
  const a = await phone.newPage();
  const b = await laptop.newPage();
  await a.goto('/');
  await b.goto('/');
  await expect(b.getByText(`已登录：${m.displayName}`)).toBeVisible();
  await a.getByText(`已登录：${m.displayName}`).click();
  await a.getByRole('button', { name: '在所有设备上退出' }).click();
  await expect(a.getByRole('link', { name: '登录' })).toBeVisible();
  await b.reload();
  await expect(b.getByRole('link', { name: '登录' })).toBeVisible();
  // The old cookie no longer works for writes either.
  const res = await b.request.put('/api/v1/comments/1/like');
  expect(res.status()).toBe(401);
  await phone.close();
  await laptop.close();
});

test('a plain sign-out ends that session on the server: a copy of its cookie is refused', async ({ browser, baseURL, member, sql }) => {
  const m = await member();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(m.username);
  await form.getByLabel('密码').fill(MEMBER_PASSWORD);
  await form.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText(`已登录：${m.displayName}`)).toBeVisible();
  const copied = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
  const withCopy = { cookie: `${SESSION_COOKIE}=${copied.value}`, origin: baseURL! };
  // A thread of its own, so that the seeded one keeps its counts for the other tests.
  const { articleId } = await generateThread(sql, { slug: `signout-${Date.now().toString(36)}`, topLevel: 1 });
  const target = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [articleId])).rows[0].id;
  const like = `/api/v1/comments/${target}/like`;
  expect((await fetch(baseURL + like, { method: 'PUT', headers: withCopy })).status).toBe(200);
  await page.getByText(`已登录：${m.displayName}`).click();
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await expect(page.getByRole('link', { name: '登录' })).toBeVisible();
  // The cookie the browser had a moment ago no longer signs anyone in.
  const after = await fetch(baseURL + like, { method: 'PUT', headers: withCopy });
  expect(after.status).toBe(401);
  const pageAfter = await (await fetch(`${baseURL}/`, { headers: withCopy })).text();
  expect(pageAfter).not.toContain(m.displayName);
  await context.close();
});

test('a banned member who signs in with the right password is told the account is banned; a wrong one gets the usual answer', async ({ page, member }) => {
  const m = await member({ status: 'banned' });
  await page.goto('/signin');
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(m.username);
  await form.getByLabel('密码').fill('wrong password!');
  await form.getByRole('button', { name: '登录' }).click();
  await expect(form.getByRole('alert')).toHaveText('用户名或密码不正确。');
  await form.getByLabel('密码').fill(MEMBER_PASSWORD);
  await form.getByRole('button', { name: '登录' }).click();
  await expect(form.getByRole('alert')).toHaveText('这个账号已被封禁，不能登录。');
  await expect(page.getByRole('link', { name: '登录' })).toBeVisible();
});

test('a forged X-Forwarded-For does not change the address that the limits count', async ({ request, member, sql }) => {
  const m = await member();
  const key = m.username.toLowerCase();
  // X-Forwarded-For in its forms, and the other headers proxies use: none is believed here.
  const forgeries: Record<string, string>[] = [
    { 'x-forwarded-for': '203.0.113.7' },
    { 'x-forwarded-for': '127.0.0.1, 203.0.113.8' },
    { 'x-forwarded-for': 'x'.repeat(7_000) },
    { 'x-real-ip': '203.0.113.9' },
    { forwarded: 'for=203.0.113.10;proto=https' },
    { 'x-yilun-client-address': '203.0.113.11' },
  ];
  for (const forged of forgeries) {
    const csrfToken = (await (await request.get('/api/auth/csrf')).json()).csrfToken as string;
    const res = await request.post('/api/auth/callback/credentials', {
      form: { username: m.username, password: 'wrong password!', csrfToken },
      headers: forged,
      maxRedirects: 0,
    });
    expect(res.headers().location ?? '').toContain('error=CredentialsSignin');
  }
  const { rows } = await sql.query<{ key: string; count: number }>('SELECT key, count FROM rate_limit_buckets WHERE key LIKE $1', [`signInPair:${key}:%`]);
  expect(rows).toEqual([{ key: `signInPair:${key}:127.0.0.1`, count: forgeries.length }]);
});

test('sign-in attempts over the limit get 429 with Retry-After from next-auth\'s endpoint', async ({ request, member }) => {
  const m = await member();
  test.setTimeout(120_000);
  await awaitFreshWindow(15 * 60, 40);
  const csrf = async () => (await (await request.get('/api/auth/csrf')).json()).csrfToken as string;
  const attempt = async () =>
    request.post('/api/auth/callback/credentials', {
      form: { username: m.username, password: 'wrong password!', csrfToken: await csrf() },
      maxRedirects: 0,
    });
  for (let i = 0; i < 10; i++) expect([302, 303]).toContain((await attempt()).status());
  const limited = await attempt();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await limited.json()).error.code).toBe('rate_limited');
});

test('over the sign-in limit the form says how long to wait', async ({ page, member, request }) => {
  const m = await member();
  test.setTimeout(120_000);
  await awaitFreshWindow(15 * 60, 40);
  // Ten failed attempts through next-auth's endpoint fill the account's window…
  for (let i = 0; i < 10; i++) {
    const csrfToken = (await (await request.get('/api/auth/csrf')).json()).csrfToken as string;
    await request.post('/api/auth/callback/credentials', { form: { username: m.username, password: 'wrong password!', csrfToken }, maxRedirects: 0 });
  }
  // …so the form refuses even the right password, and says for how long.
  await page.goto('/signin');
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(m.username);
  await form.getByLabel('密码').fill(MEMBER_PASSWORD);
  await form.getByRole('button', { name: '登录' }).click();
  await expect(form.getByRole('alert')).toHaveText(/^操作太频繁了，请 \d+ 秒后再试。$/);
  await expect(form.getByLabel('用户名')).toHaveValue(m.username);
});
