// Signing in with an identity people already have: a real OpenID Connect provider
// (oidc-provider, e2e/support/oidc.ts) the way a newsroom would connect its own accounts.
// A first sign-in makes a member; the next ones find them; an address that belongs to a
// member is linked only by that member, from settings; never the last way in disconnected;
// a ban stops every way in; a provider out of reach is said so.
import type { Page } from '@playwright/test';
import { test, expect, MEMBER_PASSWORD, SEED_SLUG } from './fixtures.ts';
import { startOidc } from './support/oidc.ts';
import { E2E_OIDC_ISSUER, E2E_OIDC_NAME, SESSION_COOKIE } from './support/env.ts';

test.describe.configure({ mode: 'serial' });

let oidc: Awaited<ReturnType<typeof startOidc>>;
test.beforeAll(async ({ baseURL }) => {
  oidc = await startOidc(baseURL!);
});
test.afterAll(async () => {
  await oidc?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/**
 * After a click that goes to the provider: its login page (any name) and its consent page,
 * when it shows them, until the browser is back on the forum (`from`: the page the click was on).
 */
async function atProvider(page: Page, login: string, from = page.url()) {
  await page.waitForURL((u) => u.port === '3199' || (u.href !== from && !u.pathname.startsWith('/api/auth')));
  if (new URL(page.url()).port === '3199') {
    const name = page.locator('input[name="login"]');
    if (await name.isVisible().catch(() => false)) {
      await name.fill(login);
      await page.locator('input[name="password"]').fill('anything');
      await page.locator('button[type="submit"]').click();
    }
    await page.waitForURL((u) => u.port !== '3199' || u.pathname.includes('/interaction/'));
    if (new URL(page.url()).port === '3199') await page.locator('button[type="submit"]').click();
  }
  await page.waitForURL((u) => u.port !== '3199' && !u.pathname.startsWith('/api/auth'));
}

async function goToProvider(page: Page, button: import('@playwright/test').Locator, login: string) {
  const from = page.url();
  await button.click();
  await atProvider(page, login, from);
}

test('a reader signs in with the newsroom account from a thread: a new member, with its name and verified address; the same member the next time; a ban stops them', async ({ page, sql }) => {
  const login = `reporter${unique()}`;
  await page.goto(`/articles/${SEED_SLUG}`);
  await page.getByRole('link', { name: '登录后参与讨论' }).click();
  await goToProvider(page, page.getByRole('button', { name: `使用 ${E2E_OIDC_NAME} 登录` }), login);
  await expect(page).toHaveURL(new RegExp(`/articles/${SEED_SLUG}`));
  await expect(page.locator('summary', { hasText: `已登录：记者 ${login}` })).toBeVisible();
  const { rows } = await sql.query(
    `SELECT u.id, u.username, u.has_password, u.email, u.email_verified_at IS NOT NULL AS verified FROM identities i JOIN users u ON u.id = i.user_id WHERE i.provider = 'oidc' AND i.subject = $1`,
    [login],
  );
  expect(rows).toEqual([{ id: expect.any(Number), username: login, has_password: false, email: `${login}@news.example`, verified: true }]);

  // Signed out here (and at the provider), in again: the same member.
  await page.context().clearCookies();
  await page.goto('/signin');
  await goToProvider(page, page.getByRole('button', { name: `使用 ${E2E_OIDC_NAME} 登录` }), login);
  await expect(page.locator('summary', { hasText: `已登录：记者 ${login}` })).toBeVisible();
  expect((await sql.query(`SELECT count(*)::int AS n FROM users WHERE username LIKE $1`, [`${login}%`])).rows[0].n).toBe(1);

  // Without a password, the member's only way in cannot be disconnected.
  await page.goto('/settings');
  await expect(page.getByText('你还没有设置密码')).toBeVisible();
  await page.getByRole('button', { name: `断开 ${E2E_OIDC_NAME}` }).click();
  await expect(page.getByText('这是你唯一的登录方式，不能断开')).toBeVisible();

  // Banned: the open session ends, and the provider is no way back in.
  await sql.query(`UPDATE users SET status = 'banned', session_version = session_version + 1 WHERE id = $1`, [rows[0].id]);
  await page.reload();
  await page.context().clearCookies();
  await page.goto('/signin');
  await goToProvider(page, page.getByRole('button', { name: `使用 ${E2E_OIDC_NAME} 登录` }), login);
  await expect(page).toHaveURL(/\/signin\?error=banned/);
  await expect(page.getByText('这个账号已被封禁，不能登录。')).toBeVisible();
});

test('without JavaScript (or before the page\'s script runs), the provider\'s button still leads there and back: the page\'s form-action allows its origin', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', javaScriptEnabled: false });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (m) => {
    // (The provider's own pages load fonts from the internet; only a refusal by our policy counts.)
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) refused.push(m.text());
  });
  try {
    const login = `nojs${unique()}`;
    await page.goto('/signin');
    const csp = (await page.request.get('/signin')).headers()['content-security-policy'];
    expect(csp).toContain(`form-action 'self' ${new URL(E2E_OIDC_ISSUER).origin}`);
    await goToProvider(page, page.getByRole('button', { name: `使用 ${E2E_OIDC_NAME} 登录` }), login);
    await expect(page).toHaveURL(`${baseURL}/`);
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(true);
    expect(refused).toEqual([]);
  } finally {
    await context.close();
  }
});

test('an address that is a member\'s is not linked without them: they connect the identity in settings, then sign in with it, and may disconnect it', async ({ page, member, signIn, sql }) => {
  const m = await member();
  const login = `linker${unique()}`;
  const address = `${login}@news.example`;
  await sql.query('UPDATE users SET email = $2, email_key = lower($2), email_verified_at = now() WHERE id = $1', [m.id, address]);
  await page.goto('/signin');
  await goToProvider(page, page.getByRole('button', { name: `使用 ${E2E_OIDC_NAME} 登录` }), login);
  await expect(page).toHaveURL(/\/signin\?error=link_needed/);
  await expect(page.getByText('这个邮箱已属于议论的一个账号')).toBeVisible();
  expect((await sql.query(`SELECT count(*)::int AS n FROM identities WHERE subject = $1`, [login])).rows[0].n).toBe(0);

  // The member, signed in with their password, connects it.
  await signIn(m);
  await page.goto('/settings');
  await goToProvider(page, page.getByRole('button', { name: `连接 ${E2E_OIDC_NAME}` }), login);
  await expect(page).toHaveURL(/\/settings\?connected=oidc/);
  await expect(page.getByText(`已连接 ${E2E_OIDC_NAME}，以后可以用它登录。`)).toBeVisible();

  // Signed out; the identity now signs in as them.
  await page.context().clearCookies();
  await page.goto('/signin');
  await goToProvider(page, page.getByRole('button', { name: `使用 ${E2E_OIDC_NAME} 登录` }), login);
  await expect(page.locator('summary', { hasText: `已登录：${m.displayName}` })).toBeVisible();

  // They have a password: the identity may go.
  await page.goto('/settings');
  await page.getByRole('button', { name: `断开 ${E2E_OIDC_NAME}` }).click();
  // The section renders again: nothing connected, the button to connect back.
  await expect(page.getByText('还没有连接其他登录方式。')).toBeVisible();
  await expect(page.getByRole('button', { name: `连接 ${E2E_OIDC_NAME}` })).toBeVisible();
  expect((await sql.query(`SELECT count(*)::int AS n FROM identities WHERE user_id = $1`, [m.id])).rows[0].n).toBe(0);
});

test('en, phone: the provider out of reach is said so on the sign-in page, and the password still works', async ({ browser, baseURL, member }) => {
  const m = await member();
  await oidc.close();
  const context = await browser.newContext({ baseURL, locale: 'en', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  try {
    await page.goto('/signin');
    await page.getByRole('button', { name: `Sign in with ${E2E_OIDC_NAME}` }).click();
    await expect(page).toHaveURL(/\/signin\?error=/);
    await expect(page.getByText('Signing in with another account is not possible right now.')).toBeVisible();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Username').fill(m.username);
    await form.getByLabel('Password').fill(MEMBER_PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    // (On a phone the header folds the member's name into its menu: their notifications show they are in.)
    await expect(page.getByRole('banner').getByRole('link', { name: 'Notifications' })).toBeVisible();
  } finally {
    await context.close();
    oidc = await startOidc(baseURL!);
  }
});
