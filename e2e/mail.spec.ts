// Mail in a real browser, as people meet it: sign up with an address, verify it from the mail,
// forget the password, reset it from the mail and come back signed in (other devices signed
// out), in Chinese on a desktop and in English on a phone; an admin's one-time link for a
// member without an address. The server runs with no SMTP: the messages are the .eml files
// a fresh clone writes (e2e/support/mail.ts).
import { test, expect, MEMBER_PASSWORD, sessionCookie } from './fixtures.ts';
import { linkTo, mailTo } from './support/mail.ts';
import { SESSION_COOKIE } from './support/env.ts';
import { generateThread } from '../tests/support/generate-thread.ts';

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test('zh, desktop: sign up with an address, verify it, forget the password, reset it from the mail; the old password and the other device are out', async ({ page, browser, baseURL }) => {
  const name = `邮件_${unique()}`;
  const address = `${name.slice(3)}@example.com`;
  await page.goto('/signup');
  const form = page.getByRole('form', { name: '注册' });
  await expect(form.getByText('没有验证过的邮箱，忘记密码时就无法自己重设。')).toBeVisible();
  await form.getByLabel('用户名').fill(name);
  await form.getByLabel('密码', { exact: true }).fill('first long passphrase of mine');
  // An address the browser lets through but that cannot take mail is refused before the
  // account exists; what was typed stays.
  await form.getByLabel('邮箱（可选）').fill('me@localhost');
  await form.getByRole('button', { name: '注册' }).click();
  await expect(form.getByText('邮箱地址的格式不对')).toBeVisible();
  await expect(form.getByLabel('用户名')).toHaveValue(name);
  await form.getByLabel('邮箱（可选）').fill(address.toUpperCase());
  await form.getByLabel('密码', { exact: true }).fill('first long passphrase of mine');
  await form.getByRole('button', { name: '注册' }).click();
  await expect(page.locator('summary', { hasText: '已登录' })).toBeVisible();

  // The verification mail, in Chinese; its link opens a page with one button.
  const [verify] = await mailTo(address);
  expect(verify.subject).toBe('验证你在议论的邮箱');
  await page.goto(linkTo(verify, '/verify-email'));
  await page.getByRole('button', { name: '验证邮箱' }).click();
  await expect(page.getByText(`邮箱 ${address.toUpperCase()} 已验证。`)).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByText(`已验证：${address.toUpperCase()}`)).toBeVisible();

  // Another device, signed in with the old password.
  const other = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const otherPage = await other.newPage();
  await otherPage.goto('/signin');
  await otherPage.getByLabel('用户名').fill(name);
  await otherPage.getByLabel('密码').fill('first long passphrase of mine');
  await otherPage.getByRole('button', { name: '登录', exact: true }).click();
  await expect(otherPage.locator('summary', { hasText: '已登录' })).toBeVisible();

  // Signed out here, the password forgotten.
  await page.context().clearCookies();
  await page.goto('/signin');
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await expect(page.getByRole('heading', { name: '重设密码' })).toBeVisible();
  await page.getByLabel('用户名或邮箱').fill(address);
  await page.getByRole('button', { name: '发送重设链接' }).click();
  await expect(page.getByText('如果这个账号有验证过的邮箱，重设链接已经发过去了')).toBeVisible();

  const [reset] = await mailTo(address, 2).then((all) => all.filter((m) => m.subject === '重设你在议论的密码'));
  const link = linkTo(reset, '/reset-password');
  await page.goto(link);
  await expect(page.getByText(`为账号 ${name} 设置新密码`)).toBeVisible();
  const resetForm = page.getByRole('form', { name: '设置新密码' });
  await resetForm.getByLabel('新密码（8–128 个字符）').fill('12345678');
  await resetForm.getByRole('button', { name: '保存新密码并登录' }).click();
  await expect(resetForm.getByText('这个密码太常见了')).toBeVisible();
  await resetForm.getByLabel('新密码（8–128 个字符）').fill('second passphrase, longer still');
  await resetForm.getByRole('button', { name: '保存新密码并登录' }).click();
  await expect(page).toHaveURL(/\/settings\?changed=reset$/);
  await expect(page.getByText('密码已修改，其他设备上的登录已退出。')).toBeVisible();

  // The link works once; the other device is signed out; the old password no longer works.
  await page.goto(link);
  await expect(page.getByText('这个重设链接无效、已经用过或已过期。')).toBeVisible();
  await otherPage.reload();
  await expect(otherPage.getByRole('link', { name: '登录', exact: true })).toBeVisible();
  await otherPage.goto('/signin');
  await otherPage.getByLabel('用户名').fill(name);
  await otherPage.getByLabel('密码').fill('first long passphrase of mine');
  await otherPage.getByRole('button', { name: '登录', exact: true }).click();
  await expect(otherPage.getByText('用户名或密码不正确。')).toBeVisible();
  await other.close();
});

test('en, phone: a member with a verified address resets by username; an unknown name gets the same answer', async ({ browser, baseURL, member, sql }) => {
  const m = await member();
  const address = `phone-${unique()}@example.com`;
  await sql.query('UPDATE users SET email = $2, email_key = lower($2), email_verified_at = now() WHERE id = $1', [m.id, address]);
  const context = await browser.newContext({ baseURL, locale: 'en', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/forgot-password');
  await page.getByLabel('Username or e-mail').fill(`nobody_${unique()}`);
  await page.getByRole('button', { name: 'Send the reset link' }).click();
  const same = 'If this account has a verified address, a reset link is on its way';
  await expect(page.getByText(same)).toBeVisible();
  await page.goto('/forgot-password');
  await page.getByLabel('Username or e-mail').fill(m.username);
  await page.getByRole('button', { name: 'Send the reset link' }).click();
  await expect(page.getByText(same)).toBeVisible();
  const [mail] = await mailTo(address);
  expect(mail.subject).toBe('Reset your Yilun password');
  expect(mail.html).toContain('Choose a new password');
  await page.goto(linkTo(mail, '/reset-password'));
  await expect(page.getByText(`A new password for ${m.username}.`)).toBeVisible();
  await page.getByLabel('New password (8–128 characters)').fill('a phone-typed new passphrase');
  await page.getByRole('button', { name: 'Save the new password and sign in' }).click();
  await expect(page).toHaveURL(/\/settings\?changed=reset$/);
  await expect(page.getByText('Password changed. Other devices have been signed out.')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/reset-phone-en.png' });
  await context.close();
});

test('settings: change the address (password asked), verify it, remove it', async ({ page, member, signIn }) => {
  const m = await member();
  await signIn(m);
  const address = `settings-${unique()}@example.com`;
  await page.goto('/settings');
  await expect(page.getByText('还没有填写邮箱。')).toBeVisible();
  const form = page.getByRole('form', { name: '邮箱' });
  await form.getByLabel('新邮箱').fill(address);
  await form.getByLabel('当前密码').fill('not my password');
  await form.getByRole('button', { name: '发送验证链接' }).click();
  await expect(form.getByText('当前密码不正确')).toBeVisible();
  await expect(form.getByLabel('新邮箱')).toHaveValue(address);
  await form.getByLabel('当前密码').fill(MEMBER_PASSWORD);
  await form.getByRole('button', { name: '发送验证链接' }).click();
  await expect(form.getByText('验证链接已发送到你填写的地址')).toBeVisible();
  await expect(page.getByText(`等待验证：${address}`)).toBeVisible();
  const [mail] = await mailTo(address);
  await page.goto(linkTo(mail, '/verify-email'));
  await page.getByRole('button', { name: '验证邮箱' }).click();
  await expect(page.getByText(`邮箱 ${address} 已验证。`)).toBeVisible();
  await page.getByRole('link', { name: '前往账号设置' }).click();
  await expect(page.getByText(`已验证：${address}`)).toBeVisible();
  await page.getByRole('button', { name: '删除邮箱' }).click();
  // The section says so at once (the page renders again), and after a reload.
  await expect(page.getByText('还没有填写邮箱。')).toBeVisible();
  await page.reload();
  await expect(page.getByText('还没有填写邮箱。')).toBeVisible();
});

test('an admin makes a one-time reset link for a member without an address; the member uses it', async ({ page, browser, baseURL, member, signIn }) => {
  const m = await member();
  const admin = await member({ role: 'admin', prefix: 'linkadmin' });
  await signIn(admin);
  await page.goto(`/mod/members?q=${encodeURIComponent(m.username)}`);
  const row = page.locator(`tr[data-username="${m.username}"]`);
  await row.getByRole('button', { name: '生成重设密码链接' }).click();
  const shown = row.locator('output');
  await expect(shown).toContainText('/reset-password?token=');
  const link = new URL((await shown.textContent())!);
  const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const memberPage = await context.newPage();
  await memberPage.goto(`${link.pathname}${link.search}`);
  await memberPage.getByLabel('新密码（8–128 个字符）').fill('handed over by an admin, kept');
  await memberPage.getByRole('button', { name: '保存新密码并登录' }).click();
  await expect(memberPage).toHaveURL(/\/settings\?changed=reset$/);
  await context.close();
  await page.goto('/mod/log');
  await expect(page.getByText('生成了一次性重设密码链接').first()).toBeVisible();
});

test('a reply while away comes by mail (each one, chosen in settings); the mail\'s unsubscribe link stops them, and so does the one-click POST', async ({ page, request, baseURL, member, signIn, sql }) => {
  const { slug } = await generateThread(sql, { slug: `mail-away-${unique()}`, topLevel: 0 });
  const a = await member();
  const b = await member();
  const address = `away-${unique()}@example.com`;
  await sql.query('UPDATE users SET email = $2, email_key = lower($2), email_verified_at = now() WHERE id = $1', [a.id, address]);
  await signIn(a);
  await page.goto('/settings');
  const form = page.getByRole('form', { name: '邮件通知' });
  await expect(form.getByLabel('发送方式')).toHaveValue('digest');
  await form.getByLabel('发送方式').selectOption('each');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByText('已保存。')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: '邮件通知' }).getByLabel('发送方式')).toHaveValue('each');

  // a comments; b replies while a is away (the API, as any client would).
  const as = async (m: { id: number; displayName?: string }) => ({ origin: baseURL!, cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}` });
  const mine = await request.post(`/api/v1/articles/${slug}/comments`, { data: { body: '我的评论' }, headers: await as(a) });
  expect(mine.status()).toBe(201);
  const parentId = (await mine.json()).comment.id;
  const reply = await request.post(`/api/v1/articles/${slug}/comments`, { data: { body: '给你的回复', parentId }, headers: await as(b) });
  expect(reply.status()).toBe(201);
  const replyId = (await reply.json()).comment.id;

  const [mail] = await mailTo(address);
  expect(mail.subject).toBe(`${b.displayName} 回复了你的评论`);
  expect(linkTo(mail, `/articles/${slug}/comments/${replyId}`)).toBe(`/articles/${slug}/comments/${replyId}`);
  await page.goto(linkTo(mail, '/unsubscribe'));
  await page.getByRole('button', { name: '不再接收通知邮件' }).click();
  await expect(page.getByText('已退订，不会再发通知邮件给你。')).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('form', { name: '邮件通知' }).getByLabel('发送方式')).toHaveValue('off');

  // The mail client's one click: a POST to the List-Unsubscribe address, from nowhere, without a session.
  await sql.query(`UPDATE users SET mail_notifications = 'each' WHERE id = $1`, [a.id]);
  const oneClick = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/^[^:]+:\s*</, '').replace(/>\s*$/, '');
  const url = new URL(oneClick);
  const res = await request.post(`${url.pathname}${url.search}`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ unsubscribed: true });
  expect((await sql.query('SELECT mail_notifications FROM users WHERE id = $1', [a.id])).rows[0].mail_notifications).toBe('off');
  // A forged token is refused.
  const forged = await request.post(`/api/v1/unsubscribe?token=${b.id}.${url.searchParams.get('token')!.split('.')[1]}`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(forged.status()).toBe(404);
});
