// Search in the browser (issue 23): a reader searches from the header (with and without
// JavaScript, desktop and phone) and never meets a held or hidden comment; a moderator finds
// every place a phrase was posted, whatever its state, and hides the visible ones at once.
import crypto from 'node:crypto';
import { expect, test } from './fixtures.ts';
import { serve, untilReady } from './support/instance.ts';
import { awaitFreshWindow } from '../tests/support/rate-window.ts';

async function thread(sql: import('pg').Pool, authorId: number, word: string) {
  const slug = `search-${crypto.randomBytes(4).toString('hex')}`;
  const { rows } = await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, $2, '{}', '测试', now(), now()) RETURNING id`, [slug, `关于${word}的话题`]);
  const put = async (body: string, status = 'visible') =>
    (await sql.query(`INSERT INTO comments (article_id, author_id, body, status) VALUES ($1, $2, $3, $4) RETURNING id`, [rows[0].id, authorId, body, status])).rows[0].id as number;
  return {
    slug,
    visible: await put(`加我${word}，便宜出售`),
    second: await put(`ＡＢＣ的${word}群很热闹`),
    held: await put(`等待审核：${word}推广`, 'held'),
    hidden: await put(`已经隐藏：${word}广告`, 'hidden'),
  };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a reader searches (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, () => {
    test.use({ javaScriptEnabled });
    test('from the header: matches marked, nothing held or hidden, the comment one click away', async ({ page, sql, member }) => {
      const word = `词${crypto.randomBytes(2).toString('hex')}`.replace(/[0-9a-f]/g, (c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(c, 16)]);
      const t = await thread(sql, (await member()).id, word);
      await page.goto('/');
      const box = page.getByRole('searchbox', { name: '搜索' });
      await box.fill(word);
      await box.press('Enter');
      await expect(page).toHaveURL(/\/search\?q=/);
      const results = page.locator('#search-comments + ol > li');
      await expect(results).toHaveCount(2);
      await expect(page.locator('mark', { hasText: word }).first()).toBeVisible();
      await expect(page.getByText('推广')).toHaveCount(0);
      await expect(page.getByText('广告')).toHaveCount(0);
      await expect(page.locator('#search-articles + ul')).toContainText(`关于${word}的话题`);
      await page.getByRole('link', { name: `在《关于${word}的话题》` }).first().click();
      await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}/comments/(${t.visible}|${t.second})`));
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('the header menu holds the search; full-width and two words find the same', async ({ page, sql, member }) => {
    const t = await thread(sql, (await member()).id, '骆驼祥子');
    await page.goto('/');
    await page.getByText('菜单').click();
    await page.getByRole('searchbox', { name: '搜索' }).fill('ａｂｃ 骆驼');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await expect(page.locator(`#search-comments + ol > li`)).toHaveCount(1);
    await expect(page.locator('mark').first()).toHaveText('ＡＢＣ');
    void t;
  });
});

test('a moderator finds every place a phrase was posted, whatever its state, and hides the visible ones', async ({ page, sql, member, signIn }) => {
  const author = await member();
  const t = await thread(sql, author.id, '刷单返利');
  const mod = await member({ role: 'moderator' });
  await signIn(mod);
  await page.goto('/mod');
  await page.getByRole('navigation', { name: '审核' }).getByRole('link', { name: '搜索' }).click();
  const form = page.getByRole('search', { name: '搜索全部评论' });
  await form.getByLabel('搜索文章和评论').fill('刷单返利');
  await form.getByLabel('话题（slug）').fill(t.slug);
  await form.getByRole('button', { name: '搜索' }).click();
  const results = page.locator('.search-results > li');
  await expect(results).toHaveCount(4);
  await expect(page.locator('.search-results > li[data-status="held"]')).toHaveCount(1);
  await expect(page.locator('.search-results > li[data-status="hidden"]')).toHaveCount(1);
  // Only held and hidden ones.
  await form.getByLabel('待审核').check();
  await form.getByLabel('已隐藏').check();
  await form.getByRole('button', { name: '搜索' }).click();
  await expect(results).toHaveCount(2);
  await form.getByLabel('待审核').uncheck();
  await form.getByLabel('已隐藏').uncheck();
  await form.getByLabel('可见').check();
  await form.getByRole('button', { name: '搜索' }).click();
  await expect(results).toHaveCount(2);
  await page.getByLabel(`选择这条评论 #${t.visible}`).check();
  await page.getByLabel(`选择这条评论 #${t.second}`).check();
  await page.getByLabel('理由（会告诉作者）').fill('刷单广告');
  await page.getByRole('button', { name: '隐藏', exact: true }).click();
  await expect(page.getByText('已处理 2 条。')).toBeVisible();
  await expect(results).toHaveCount(0);
  const { rows } = await sql.query(`SELECT count(*)::int AS n FROM moderation_actions WHERE comment_id = ANY($1) AND action LIKE '%hide%'`, [[t.visible, t.second]]);
  expect(rows[0].n).toBe(2);
  // An evasion: look-alike letters pulled apart, found when asked for.
  const { rows: ev } = await sql.query(`INSERT INTO comments (article_id, author_id, body) SELECT id, $2, '加 ｗ.е.с.һ.а.т 刷单' FROM articles WHERE slug = $1 RETURNING id`, [t.slug, author.id]);
  await form.getByLabel('搜索文章和评论').fill('wechat');
  await form.getByLabel('可见').uncheck();
  await form.getByLabel(/形似字/).check();
  await form.getByRole('button', { name: '搜索' }).click();
  await expect(page.locator(`.search-results > li`).filter({ has: page.getByLabel(`选择这条评论 #${ev[0].id}`) }).locator('mark')).toHaveText('ｗ.е.с.һ.а.т');
  // Readers no longer find them.
  const api = await (await fetch(`${page.url().split('/mod')[0]}/api/v1/search?q=${encodeURIComponent('刷单返利')}`)).json();
  expect(api.comments.filter((c: { id: number }) => [t.visible, t.second, t.held, t.hidden].includes(c.id))).toEqual([]);
});

test('the JSON API: readers get visible comments with their marks; staff search needs staff', async ({ sql, member, baseURL }) => {
  const t = await thread(sql, (await member()).id, '熊猫基地');
  const res = await fetch(`${baseURL}/api/v1/search?q=${encodeURIComponent('熊猫基地')}`);
  const json = await res.json();
  expect(json.comments.map((c: { id: number }) => c.id).sort()).toEqual([t.visible, t.second].sort());
  expect(json.comments[0].excerpt.some((s: { text: string; mark: boolean }) => s.mark && s.text === '熊猫基地')).toBe(true);
  expect(JSON.stringify(json)).not.toMatch(/推广|广告/);
  expect((await fetch(`${baseURL}/api/v1/mod/search?q=x`)).status).toBe(401);
});

test('bounded: a query too broad to rank says it looked among the newest comments; past the limit a reader is told to wait, the words kept', async ({ browser, sql, member }) => {
  test.setTimeout(180_000);
  // An instance with a tight budget and limit, behind a proxy whose X-Forwarded-For names an
  // address of this walk alone (the limit's count is kept in the database all instances share).
  const app = await serve({ YILUN_SEARCH_BUDGET_MS: '10', YILUN_RATE_LIMIT_SEARCHES: '3/60', YILUN_TRUSTED_PROXIES: '1', LOG_LEVEL: 'warn' });
  try {
    const author = await member();
    // 30 000 comments with one character in common, two years old (out of every dashboard range).
    const slug = `broad-${crypto.randomBytes(4).toString('hex')}`;
    const { rows } = await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '犀牛保护区', '{}', '测试', now(), now()) RETURNING id`, [slug]);
    await sql.query(`INSERT INTO comments (article_id, author_id, body, created_at) SELECT $1, $2, '第' || i || '次看到犀牛', now() - interval '2 years' FROM generate_series(1, 30000) i`, [rows[0].id, author.id]);
    await untilReady(app);
    await awaitFreshWindow(60, 30);
    const address = `203.0.113.${1 + crypto.randomInt(250)}`;
    const context = await browser.newContext({ baseURL: app.base, locale: 'zh-CN', extraHTTPHeaders: { 'x-forwarded-for': address } });
    const page = await context.newPage();
    await page.goto(`/search?q=${encodeURIComponent('犀')}`);
    await expect(page.getByRole('note')).toContainText('匹配的评论太多');
    await expect(page.locator('#search-comments + ol > li')).toHaveCount(20);
    await page.getByRole('link', { name: '更多结果' }).click();
    await expect(page.getByRole('note')).toContainText(/最近 20,?000 条评论/);
    await expect(page.locator('#search-comments + ol > li')).toHaveCount(20);
    // The third: the article by its title (a narrow query is ranked whole: tests/search.test.ts).
    await page.getByRole('searchbox', { name: '搜索文章和评论' }).fill('犀牛保护区');
    await page.getByRole('searchbox', { name: '搜索文章和评论' }).press('Enter');
    await expect(page.locator('#search-articles + ul')).toContainText('犀牛保护区');
    // The fourth in this minute: refused with the wait, the words still in the box.
    await page.getByRole('searchbox', { name: '搜索文章和评论' }).fill('犀牛 保护');
    await page.getByRole('searchbox', { name: '搜索文章和评论' }).press('Enter');
    await expect(page.locator('p[role="alert"]')).toContainText(/操作太频繁了，请 \d+ 秒后再试/);
    await expect(page.getByRole('searchbox', { name: '搜索文章和评论' })).toHaveValue('犀牛 保护');
    await expect(page.locator('#search-comments')).toHaveCount(0);
    const api = await context.request.get(`/api/v1/search?q=${encodeURIComponent('犀牛')}`);
    expect(api.status()).toBe(429);
    expect(Number(api.headers()['retry-after'])).toBeGreaterThan(0);
    // Another address searches on.
    const other = await context.request.get(`/api/v1/search?q=${encodeURIComponent('犀')}`, { headers: { 'x-forwarded-for': '198.51.100.77' } });
    expect(other.status()).toBe(200);
    expect((await other.json()).recentOnly).toBe(true);
    await context.close();
  } finally {
    app.child.kill('SIGTERM');
  }
});
