// Security headers on every kind of answer: the shared cached page, a member's page, the
// JSON API, a 404 and a static file.
import { test, expect, SEED_SLUG, sessionCookie } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

test('every answer carries the security headers; pages forbid framing and inline scripts', async ({ request, member }) => {
  const m = await member();
  const asMember = { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}` };
  const answers = {
    'anonymous page': await request.get(`/articles/${SEED_SLUG}`),
    "member's page": await request.get(`/articles/${SEED_SLUG}`, { headers: asMember }),
    'home': await request.get('/'),
    'API': await request.get(`/api/v1/articles/${SEED_SLUG}`),
    'API error': await request.get('/api/v1/articles/no-such-article'),
    'page 404': await request.get('/articles/no-such-article'),
    'static file': await request.get('/icon.svg'),
  };
  for (const [what, res] of Object.entries(answers)) {
    const h = res.headers();
    expect(h['x-content-type-options'], what).toBe('nosniff');
    expect(h['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
    expect(h['x-frame-options'], what).toBe('DENY');
    expect(h['permissions-policy'], what).toContain('camera=()');
    expect(h['x-request-id'], what).toMatch(/^[0-9a-f-]{36}$/);
    // Over plain http, no HSTS (a forged X-Forwarded-Proto gains nothing without a trusted proxy).
    expect(h['strict-transport-security'], what).toBeUndefined();
  }
  for (const what of ['anonymous page', "member's page", 'home', 'page 404'] as const) {
    const csp = answers[what].headers()['content-security-policy'] ?? '';
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).not.toContain('unsafe-inline');
    // None at all, this site's own files only (a cached thread's /live.js), a member's nonce,
    // or the hashes of the members' shared page's own inline scripts.
    expect(csp, what).toMatch(/script-src ('none'|'self'|'self' 'nonce-[^']+' 'strict-dynamic'|'self'( 'sha256-[A-Za-z0-9+/=]+')+);/);
  }
  expect(answers.API.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
});

test('an admin grants and revokes the moderator role in the UI, and the log shows it', async ({ browser, baseURL, member, sql }) => {
  const admin = await member({ role: 'admin' });
  const m = await member();
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addCookies([{ name: SESSION_COOKIE, value: await sessionCookie(admin), url: baseURL! }]);
  const page = await context.newPage();
  await page.goto('/mod/members');
  const form = page.getByRole('form', { name: '角色', exact: true });
  await form.getByLabel('用户名').fill(m.username);
  await form.getByRole('button', { name: '设为版主' }).click();
  await expect(form.getByRole('status')).toHaveText('已执行。');
  expect((await sql.query('SELECT role FROM users WHERE id = $1', [m.id])).rows[0].role).toBe('moderator');
  await form.getByLabel('用户名').fill(m.username);
  await form.getByRole('button', { name: '取消版主' }).click();
  await expect.poll(async () => (await sql.query('SELECT role FROM users WHERE id = $1', [m.id])).rows[0].role).toBe('member');
  await expect(form.getByRole('status')).toHaveText('已执行。');
  // …and on the member's own row.
  await page.goto(`/mod/members?q=${encodeURIComponent(m.username)}`);
  const row = page.locator(`tr[data-username="${m.username}"]`);
  await row.getByRole('form', { name: `@${m.username} 的角色` }).getByRole('button', { name: '设为版主' }).click();
  await expect.poll(async () => (await sql.query('SELECT role FROM users WHERE id = $1', [m.id])).rows[0].role).toBe('moderator');
  await page.reload();
  await row.getByRole('form', { name: `@${m.username} 的角色` }).getByRole('button', { name: '取消版主' }).click();
  await expect.poll(async () => (await sql.query('SELECT role FROM users WHERE id = $1', [m.id])).rows[0].role).toBe('member');
  const log = await sql.query<{ action: string }>('SELECT action FROM moderation_actions WHERE member_id = $1 AND moderator_id = $2 ORDER BY id', [m.id, admin.id]);
  expect(log.rows.map((r) => r.action)).toEqual(['role:moderator', 'role:member', 'role:moderator', 'role:member']);
  // A moderator has no role form at all.
  const moderator = await member({ role: 'moderator' });
  const modContext = await browser.newContext({ locale: 'zh-CN' });
  await modContext.addCookies([{ name: SESSION_COOKIE, value: await sessionCookie(moderator), url: baseURL! }]);
  const modPage = await modContext.newPage();
  await modPage.goto('/mod/members');
  await expect(modPage.getByRole('form', { name: '角色' })).toHaveCount(0);
  await context.close();
  await modContext.close();
});
