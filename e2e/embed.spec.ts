// Issue 22 in Chromium, with a publisher's pages served by this test on another site
// (http://127.0.0.1:PORT, while the forum is reached as http://localhost:3100 inside them) and
// third-party cookies blocked, as browsers now do: the forum's own cookies never reach its
// frame there, only the frame's partitioned session.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { SignJWT } from 'jose';
import type { Frame, Page } from '@playwright/test';
import { expect, MEMBER_PASSWORD, signInContext, test } from './fixtures.ts';
import { baseURL } from '../playwright.config.ts';

const FORUM = baseURL.replace('127.0.0.1', 'localhost');
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
test.use({
  launchOptions: {
    executablePath: systemChromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--test-third-party-cookie-phaseout'],
  },
});

// A site of its own each time the publishers' servers start: with fullyParallel, a worker that
// comes back to this file runs beforeAll again, and its new publisher (a new port) must not meet
// a site that allows the old one (the forum keeps a site 10 s per process). A CI run met it.
let SITE = '';
const SECRET = crypto.randomBytes(32).toString('base64url');
let publisher: http.Server;
let stranger: http.Server;
let PUB = '';
let OTHER = '';

/** A publisher's article page: the one line of the embed, and whatever else the test asks. */
function articlePage(title: string, attrs: string, extra = '') {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;font-family:sans-serif"><header style="height:120px;background:#234;color:#fff">晨报</header><h1>${title}</h1><p>正文……</p>
<div id="comments"><script src="${FORUM}/embed.js" data-site="${SITE}" ${attrs} async></script></div>${extra}<footer style="height:200px">页脚</footer></body></html>`;
}

async function ssoToken(reader: string, name: string) {
  return new SignJWT({ sub: reader, name }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').setJti(crypto.randomUUID()).sign(new TextEncoder().encode(SECRET));
}

function serve(handler: (url: URL) => Promise<string> | string): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await handler(url));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

test.beforeAll(async () => {
  SITE = `s${crypto.randomBytes(8).toString('hex').slice(0, 10)}`;
  ({ server: publisher, origin: PUB } = await serve(async (url) => {
    const n = url.searchParams.get('n') ?? '1';
    if (url.pathname === '/list.html') {
      return `<!doctype html><html><body><ul>${['a', 'b', 'c'].map((p) => `<li><a href="/news/${p}.html">新闻 ${p} <span data-yilun-count></span></a></li>`).join('')}</ul><script src="${FORUM}/count.js" data-site="${SITE}" async></script></body></html>`;
    }
    if (url.pathname.startsWith('/sso/')) {
      const reader = url.searchParams.get('reader');
      return articlePage(`单点登录 ${n}`, reader ? `data-sso="${await ssoToken(reader, url.searchParams.get('name') ?? reader)}"` : 'data-sso=""');
    }
    return articlePage(`报道 ${url.pathname} ${n}`, url.searchParams.get('attrs') ?? '');
  }));
  ({ server: stranger, origin: OTHER } = await serve(() => articlePage('别人的网站', '')));
});
test.afterAll(() => {
  publisher?.close();
  stranger?.close();
});
test.beforeEach(async ({ sql }) => {
  await sql.query(
    `INSERT INTO sites (id, name, origins, keep_params, sso_secret, default_locale, updated_at) VALUES ($1, '晨报', $2, '{}', $3, 'zh-CN', now()) ON CONFLICT (id) DO NOTHING`,
    [SITE, [PUB], SECRET],
  );
});

async function commentsFrame(page: Page): Promise<Frame> {
  const element = page.locator(`iframe[data-yilun="${SITE}"]`);
  await expect(element).toBeVisible();
  const frame = (await element.elementHandle())!.contentFrame();
  const f = (await frame)!;
  await expect(f.locator('#comments-heading')).toBeVisible();
  return f;
}

async function postAs(sql: import('pg').Pool, slug: string, authorId: number, body: string) {
  const res = await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL, cookie: `authjs.session-token=${await (await import('./fixtures.ts')).sessionCookie({ id: authorId })}` },
    body: JSON.stringify({ body }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { comment: { id: number } };
}

test.describe('a reader under the publisher\'s article', () => {
  test('reads the thread in a frame sized to it; another member\'s comment comes in live; the frame is allowed there and nowhere else', async ({ page, sql, member }) => {
    const path = `/news/${crypto.randomUUID()}.html`;
    const frameResponse = page.waitForResponse((r) => /\/embed\/s[a-z0-9]{10}\/zh-CN\//.test(r.url()));
    await page.goto(`${PUB}${path}?utm_source=weibo#top`);
    const frame = await commentsFrame(page);
    const res = await frameResponse;
    const csp = (await res.allHeaders())['content-security-policy'];
    expect(csp).toContain(`frame-ancestors ${PUB}`);
    expect((await res.allHeaders())['x-frame-options']).toBeUndefined();
    // The thread was made for the page's canonical address, titled as the page.
    const { rows } = await sql.query('SELECT slug, title, page_url FROM articles WHERE site_id = $1 AND page_url = $2', [SITE, `${PUB}${path}`]);
    expect(rows[0].title).toBe(`报道 ${path} 1`);
    await expect(frame.getByText('还没有评论')).toBeVisible();
    // Sized to its content, not the 24rem it starts with.
    await expect.poll(async () => (await page.locator('iframe').boundingBox())!.height).not.toBe(384);
    const before = (await page.locator('iframe').boundingBox())!.height;

    const writer = await member();
    await postAs(sql, rows[0].slug, writer.id, '从另一个会员那里来的评论');
    await frame.getByRole('button', { name: /1 条新评论/ }).click();
    await expect(frame.getByText('从另一个会员那里来的评论')).toBeVisible();
    await expect.poll(async () => (await page.locator('iframe').boundingBox())!.height).toBeGreaterThan(before);

    // A comment's own page opens outside the frame, never inside the publisher's page.
    const popup = page.waitForEvent('popup');
    await frame.locator('a.when').first().click();
    expect((await popup).url()).toContain(`/articles/${rows[0].slug}/comments/`);

    // The forum's own pages may not be framed by anyone.
    const own = await fetch(`${baseURL}/articles/${rows[0].slug}`);
    expect(own.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(own.headers.get('x-frame-options')).toBe('DENY');
  });

  test('a page on an origin the site does not allow shows why, for the admin to fix', async ({ page }) => {
    await page.goto(`${OTHER}/news/x.html`);
    const frame = page.frameLocator('iframe');
    await expect(frame.getByRole('heading', { name: '这个网站不能嵌入评论' })).toBeVisible();
    await expect(frame.getByText(`${OTHER} 不在站点「晨报」允许的来源中`)).toBeVisible();
    await expect(frame.getByText('管理 → 站点')).toBeVisible();
  });

  test('signs in through the first-party window (third-party cookies blocked), posts and likes in the frame, signs out', async ({ page, member, context }) => {
    const m = await member();
    // Signed in on the forum itself already: that session is not the frame's.
    await signInContext(context, FORUM, m);
    await page.goto(`${PUB}/news/${crypto.randomUUID()}.html`);
    const frame = await commentsFrame(page);
    const join = frame.getByRole('link', { name: '登录后参与讨论' });
    await expect(join).toBeVisible();
    const popupPromise = page.waitForEvent('popup');
    await join.click();
    const popup = await popupPromise;
    // Already signed in first-party: the window hands the frame its grant and closes.
    await popup.waitForEvent('close');
    await expect(frame.getByText(`已登录为 ${m.displayName}`)).toBeVisible();
    const form = frame.getByRole('form', { name: '发表评论' });
    await form.getByRole('textbox', { name: '发表评论' }).fill('在报社的文章下面发言');
    await form.getByRole('button', { name: '发表' }).click();
    const mine = frame.locator('li', { hasText: '在报社的文章下面发言' }).first();
    await expect(mine).toBeVisible();
    await mine.locator('> article .like-form button').click();
    await expect(mine.locator('> article .like-form button')).toHaveAttribute('aria-pressed', 'true');
    // For the README: a publisher's article with its comments under it, signed in in the frame.
    await page.locator('iframe').scrollIntoViewIfNeeded();
    await expect(frame.locator('.embed-account')).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'docs/screenshots/embed-publisher.png' });
    // A reload keeps the frame's session (its partitioned cookie).
    await page.reload();
    const again = await commentsFrame(page);
    await expect(again.getByText(`已登录为 ${m.displayName}`)).toBeVisible();
    await again.getByRole('button', { name: '退出' }).click();
    await expect(again.getByRole('link', { name: '登录后参与讨论' })).toBeVisible();
    // The forum's own session was never touched.
    expect((await context.cookies(FORUM)).some((c) => c.name === 'authjs.session-token' && !c.partitionKey)).toBe(true);
  });

  test('a new reader signs in from the window with a password (nothing first-party before)', async ({ page, member }) => {
    const m = await member();
    await page.goto(`${PUB}/news/${crypto.randomUUID()}.html`);
    const frame = await commentsFrame(page);
    const popupPromise = page.waitForEvent('popup');
    await frame.getByRole('link', { name: '登录后参与讨论' }).click();
    const popup = await popupPromise;
    const signInForm = popup.getByRole('form', { name: '登录' });
    await signInForm.getByLabel('用户名').fill(m.username);
    await signInForm.getByLabel('密码').fill(MEMBER_PASSWORD);
    await signInForm.getByRole('button', { name: '登录', exact: true }).click();
    await popup.waitForEvent('close');
    await expect(frame.getByText(`已登录为 ${m.displayName}`)).toBeVisible();
  });
});

test.describe('single sign-on with the publisher\'s accounts', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('on a phone: the host\'s token signs its reader in, who posts; signed out on the host, out in the frame; a replayed token is refused', async ({ page, sql }) => {
    const reader = `r${crypto.randomBytes(4).toString('hex')}`;
    const path = `/sso/${crypto.randomUUID()}.html`;
    await page.goto(`${PUB}${path}?reader=${reader}&name=${encodeURIComponent('报社读者')}`);
    const frame = await commentsFrame(page);
    await expect(frame.getByText('已登录为 报社读者')).toBeVisible();
    const form = frame.getByRole('form', { name: '发表评论' });
    await form.getByRole('textbox', { name: '发表评论' }).fill('用报社账号发的评论');
    await form.getByRole('button', { name: '发表' }).click();
    await expect(frame.locator('.comment-body', { hasText: '用报社账号发的评论' })).toBeVisible();
    const { rows } = await sql.query(`SELECT u.display_name FROM identities i JOIN users u ON u.id = i.user_id WHERE i.provider = $1 AND i.subject = $2`, [`site:${SITE}`, reader]);
    expect(rows).toEqual([{ display_name: '报社读者' }]);

    // The host says its reader signed out (data-sso present, empty): the frame follows.
    await page.goto(`${PUB}${path}`);
    const out = await commentsFrame(page);
    await expect(out.getByRole('link', { name: '登录后参与讨论' })).toBeVisible();

    // A token used once, handed over again by someone else (no session of that reader), is refused.
    const token = await ssoToken(reader, '报社读者');
    const take = (t: string) => fetch(`${FORUM}/api/v1/embed/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: FORUM }, body: JSON.stringify({ site: SITE, token: t }) });
    const first = await take(token);
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toMatch(/; Secure; SameSite=None; Partitioned$/);
    const replay = await take(token);
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.code).toBe('sso_replayed');
    const forged = await take(await new SignJWT({ sub: reader }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode('not the secret at all, not at all')));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('sso_invalid');
  });

  test('a banned reader\'s token signs nobody in, and the frame says why', async ({ page, sql }) => {
    const reader = `banned${crypto.randomBytes(4).toString('hex')}`;
    await page.goto(`${PUB}/sso/${crypto.randomUUID()}.html?reader=${reader}`);
    await expect((await commentsFrame(page)).getByText(`已登录为 ${reader}`)).toBeVisible();
    await sql.query(`UPDATE users SET status = 'banned' WHERE id = (SELECT user_id FROM identities WHERE provider = $1 AND subject = $2)`, [`site:${SITE}`, reader]);
    await page.goto(`${PUB}/sso/${crypto.randomUUID()}.html?reader=${reader}`);
    const frame = await commentsFrame(page);
    await expect(frame.locator('#embed-message')).toHaveText('这个账号已被封禁，不能登录。');
    await expect(frame.getByRole('link', { name: '登录后参与讨论' })).toBeVisible();
  });
});

test('dark on a dark host page; comment counts for a page of links', async ({ page, sql, member }) => {
  await page.goto(`${PUB}/news/dark-${crypto.randomUUID()}.html?attrs=${encodeURIComponent('data-theme="dark"')}`);
  const frame = await commentsFrame(page);
  await expect.poll(() => frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 27, 34)');

  // Counts: b has two visible comments and a held one, a has none, c has no thread at all.
  const writer = await member();
  const { rows } = await sql.query(
    `INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at, site_id, page_url, comment_count)
     VALUES ($1, 'b', '{}', '晨报', now(), now(), $2, $3, 2), ($4, 'a', '{}', '晨报', now(), now(), $2, $5, 0)
     ON CONFLICT (slug) DO UPDATE SET comment_count = excluded.comment_count RETURNING id`,
    [`${SITE}-countb`, SITE, `${PUB}/news/b.html`, `${SITE}-counta`, `${PUB}/news/a.html`],
  );
  expect(rows.length).toBe(2);
  void writer;
  await page.goto(`${PUB}/list.html`);
  await expect(page.getByRole('link', { name: /新闻 b/ })).toContainText('2 条评论');
  await expect(page.getByRole('link', { name: /新闻 a/ })).toContainText('0 条评论');
  await expect(page.getByRole('link', { name: /新闻 c/ })).toContainText('0 条评论');
  const api = await fetch(`${baseURL}/api/v1/counts?site=${SITE}&urls=${encodeURIComponent(`${PUB}/news/b.html?utm_source=x#c`)}`);
  expect(await api.json()).toEqual({ counts: { [`${PUB}/news/b.html?utm_source=x#c`]: 2 } });
  expect(api.headers.get('cache-control')).toContain('public');
  expect(api.headers.get('access-control-allow-origin')).toBe('*');
});

test('an admin registers a site on /mod/sites: a bad origin is refused with what was typed kept, then the one line to copy', async ({ page, member, signIn, sql }) => {
  // An article of the forum's own (not the seeded one, which other walks read exactly as imported).
  const own = `bind-${crypto.randomBytes(4).toString('hex')}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '本站的文章', '{正文}', '议论', now(), now())`, [own]);
  const admin = await member({ role: 'admin' });
  await signIn(admin);
  await page.goto('/mod/sites');
  const form = page.getByRole('form', { name: '登记站点' });
  const name = `报社${crypto.randomBytes(3).toString('hex')}`;
  await form.getByLabel('名称').fill(name);
  await form.getByLabel(/允许的来源/).fill('https://news.example.org\nnews.example.org/path');
  await form.getByRole('button', { name: '登记站点' }).click();
  await expect(form.getByRole('alert')).toContainText('每行一个');
  await expect(form.getByLabel('名称')).toHaveValue(name);
  await expect(form.getByLabel(/允许的来源/)).toHaveValue('https://news.example.org\nnews.example.org/path');
  await form.getByLabel(/允许的来源/).fill('https://news.example.org\nhttps://m.news.example.org');
  await form.getByRole('button', { name: '登记站点' }).click();
  const card = page.getByRole('region', { name: new RegExp(name) });
  await expect(card).toBeVisible();
  const id = await card.getAttribute('data-site');
  expect(id).toMatch(/^s[a-z0-9]{10}$/);
  await expect(card.locator('pre').first()).toContainText(`/embed.js" data-site="${id}" async></script>`);
  // An article of the forum bound to one of the site's pages: the embed there shows it.
  await card.getByLabel('文章（slug）').fill(own);
  await card.getByLabel('页面地址').fill('https://news.example.org/seed.html?utm_source=x');
  await card.getByRole('button', { name: '把已有文章绑定到页面' }).click();
  await expect(card.getByText('已绑定。')).toBeVisible();
  const res = await fetch(`${baseURL}/embed/${id}?url=${encodeURIComponent('https://news.example.org/seed.html')}`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`/embed/${id}/zh-CN/${own}`);
});
