import { test, expect, follow, SEED_SLUG } from './fixtures.ts';

// The seed in `top` order: likes, then the source page's own order among equal likes (which
// is not oldest first: 用户48xxx75 at 12:25 after 六月雪 at 17:16).
const TOP_ORDER: [string, number, string][] = [
  ['留一半清醒一半醉', 14, '2026-02-17T10:24:00+08:00'],
  ['笨笨老猪', 12, '2026-02-17T10:49:00+08:00'],
  ['用户10xxx28', 5, '2026-02-17T09:53:00+08:00'],
  ['伊洛', 3, '2026-02-17T10:28:00+08:00'],
  ['用户44xxx34', 3, '2026-02-17T14:46:00+08:00'],
  ['六月雪', 3, '2026-02-17T17:16:00+08:00'],
  ['用户48xxx75', 3, '2026-02-17T12:25:00+08:00'],
  ['my god', 2, '2026-02-17T13:13:00+08:00'],
  ['用户14xxx14', 2, '2026-02-17T16:38:00+08:00'],
  ['十三月十七日', 2, '2026-02-17T12:59:00+08:00'],
  ['黎黎黎', 2, '2026-02-17T13:02:00+08:00'],
  ['用户36xxx92', 1, '2026-02-17T19:21:00+08:00'],
  ['银白色的乌桕', 1, '2026-02-17T08:08:00+08:00'],
];

for (const javaScriptEnabled of [true, false]) {
  test.describe(`reading the seeded thread with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('the thread list leads to the article with its 15 comments', async ({ page }) => {
      await page.goto('/');
      // Other tests add threads; the seeded one may be on a later page of the list.
      const item = page.getByRole('listitem').filter({ has: page.locator(`a[href="/articles/${SEED_SLUG}"]`) });
      for (let i = 0; i < 50 && (await item.count()) === 0; i++) await follow(page, page.getByRole('link', { name: '更早的话题' }));
      await expect(item).toContainText('来源：群发资讯网');
      await expect(item).toContainText('15 条评论');
      await expect(item.locator('time').last()).toHaveAttribute('datetime', '2026-02-17T19:21:00+08:00');
      await item.getByRole('link', { name: '美媒:美国跑错赛道,但又没法直接抄中国的作业' }).click();
      await expect(page).toHaveURL(new RegExp(`/articles/${SEED_SLUG}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('美媒:美国跑错赛道,但又没法直接抄中国的作业');
    });

    test('shows the article and every comment and reply, exactly', async ({ page }) => {
      await page.goto(`/articles/${SEED_SLUG}`);
      await expect(page).toHaveTitle(/美媒:美国跑错赛道/);
      const article = page.getByRole('article').first();
      await expect(article).toContainText('来源：群发资讯网');
      const paragraphs = page.locator('.article-body p');
      await expect(paragraphs).toHaveCount(18);
      await expect(paragraphs.first()).toHaveText(/^美国《国家利益》杂志一篇文章,算是把美国AI竞争的尴尬处境说透了/);
      await expect(page.getByRole('heading', { name: '评论 (15)' })).toBeVisible();

      const top = page.locator('.comment-list > li');
      await expect(top).toHaveCount(13);
      for (const [i, [name, likes, time]] of TOP_ORDER.entries()) {
        const c = top.nth(i);
        await expect(c.locator('> article .author')).toHaveText(name);
        await expect(c.locator('> article .like-count')).toHaveText(String(likes));
        await expect(c.locator('> article time')).toHaveAttribute('datetime', time);
        // Without JavaScript the exact China time; with it, how long ago (this year: the date
        // without the year), the exact time in the tooltip.
        const exact = time.slice(0, 16).replace('T', ' ');
        if (javaScriptEnabled) {
          const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() === Number(exact.slice(0, 4));
          await expect(c.locator('> article time')).toHaveText(thisYear ? exact.slice(5) : exact);
          await expect(c.locator('> article time')).toHaveAttribute('title', `${exact}（北京时间）`);
        } else await expect(c.locator('> article time')).toHaveText(exact);
      }

      // Replies sit under their parents, marked as replies as on the source site.
      const first = top.nth(0);
      await expect(first.locator('.replies > li')).toHaveCount(1);
      await expect(first.locator('.replies .author')).toHaveText('开心就好');
      await expect(first.locator('.replies .reply-to')).toHaveText('回复 @留一半清醒一半醉');
      await expect(first.locator('.replies time')).toHaveAttribute('datetime', '2026-02-17T12:17:00+08:00');
      await expect(first.locator('.replies .comment-body')).toHaveText(/不然就是个死………………………$/);
      const last = top.nth(12);
      await expect(last.locator('.replies .author')).toHaveText('用户17xxx74');
      await expect(last.locator('.replies .reply-to')).toHaveText('回复 @银白色的乌桕');
      await expect(last.locator('.replies .comment-body')).toHaveText('不懂装懂,狗屁不通');
      await expect(page.locator('.replies > li')).toHaveCount(2);

      // Text is shown exactly: the odd space and the rare radical survive.
      await expect(page.getByText('怎么样牛逼 ,不然股票的市值上不去')).toHaveCount(1);
      await expect(page.getByText('美国其实没有做错⺁,因为他本质是资本家')).toHaveCount(1);
      if (javaScriptEnabled) {
        await page.screenshot({ path: 'docs/screenshots/thread.png', fullPage: false });
        await page.getByRole('heading', { name: '评论 (15)' }).evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 16));
        await page.screenshot({ path: 'docs/screenshots/comments.png', fullPage: false });
      }
    });

    test('sorts by newest and oldest', async ({ page }) => {
      await page.goto(`/articles/${SEED_SLUG}`);
      await page.getByRole('navigation', { name: '排序' }).getByRole('link', { name: '最新' }).click();
      // The reader stays at the comments, not thrown back to the top of the article.
      await expect(page).toHaveURL(/sort=new#comments-heading$/);
      await expect(page.locator('#comments-heading')).toBeInViewport();
      const names = page.locator('.comment-list > li > article .author');
      await expect(names.first()).toHaveText('用户36xxx92');
      await expect(names.last()).toHaveText('银白色的乌桕');
      await page.getByRole('link', { name: '最早' }).click();
      await expect(names.first()).toHaveText('银白色的乌桕');
      await expect(page.getByRole('link', { name: '最早' })).toHaveAttribute('aria-current', 'page');
    });
  });
}

test('a comment permalink shows its conversation', async ({ page }) => {
  await page.goto(`/articles/${SEED_SLUG}`);
  const reply = page.locator('.replies > li').filter({ hasText: '不懂装懂' });
  await reply.locator('a.when').click();
  await expect(page).toHaveURL(/\/comments\/\d+#c\d+$/);
  await expect(page.locator('.comment-list > li > article .author')).toHaveText('银白色的乌桕');
  await expect(page.locator('.replies .comment-body')).toHaveText('不懂装懂,狗屁不通');
  await page.getByRole('link', { name: '返回文章' }).click();
  await expect(page.getByRole('heading', { name: '评论 (15)' })).toBeVisible();
});

test('an unknown article is a 404 page in the reader language', async ({ page, consoleErrors }) => {
  const res = await page.goto('/articles/no-such-article');
  expect(res?.status()).toBe(404);
  // The browser reports the 404 of the page itself; nothing else may fail.
  expect(consoleErrors.splice(0)).toEqual([expect.stringMatching(/^Failed to load resource: the server responded with a status of 404 \(Not Found\) \(.*\/articles\/no-such-article\)$/)]);
  await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  // The site's header leads home, and the page follows the reader's dark mode.
  await expect(page.getByRole('banner').getByRole('link', { name: '议论' })).toHaveAttribute('href', '/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).not.toBe(light);
  expect(await background()).toBe('rgb(13, 17, 23)');
});

test('the feeds are linked where a reader sees them: the thread’s comments under the thread, new articles in the footer', async ({ page, request }) => {
  await page.goto(`/articles/${SEED_SLUG}`);
  const thread = page.getByRole('link', { name: '订阅本帖的新评论（Atom 订阅源）' });
  await expect(thread).toBeVisible();
  await expect(thread).toHaveAttribute('href', `/articles/${SEED_SLUG}/feed.xml`);
  const site = page.getByRole('contentinfo').getByRole('link', { name: '订阅新文章（Atom 订阅源）' });
  await expect(site).toHaveAttribute('href', '/feed.xml');
  for (const href of [`/articles/${SEED_SLUG}/feed.xml`, '/feed.xml']) {
    const res = await request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^application\/atom\+xml/);
  }
});

test('"分享" on a comment copies its permalink where the browser has no share sheet, for readers and for members', async ({ page, context, baseURL, sql, member, signIn }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const first = (await sql.query<{ id: number }>(`SELECT c.id FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = $1 AND c.parent_id IS NULL ORDER BY c.source_position, c.id LIMIT 1`, [SEED_SLUG])).rows[0].id;
  for (const who of ['reader', 'member'] as const) {
    if (who === 'member') await signIn(await member());
    await page.goto(`/articles/${SEED_SLUG}`);
    const share = page.locator(`li[data-comment-id="${first}"] > article .share`);
    await expect(share).toHaveText('分享');
    // Without JavaScript it is the permalink itself.
    await expect(share).toHaveAttribute('href', `/articles/${SEED_SLUG}/comments/${first}#c${first}`);
    if (who === 'member') await expect(page.locator('form.comment-form input[name="js"]').first()).toHaveValue('1');
    await share.click();
    await expect(share).toHaveText('已复制链接');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/articles/${SEED_SLUG}/comments/${first}#c${first}`);
    expect(new URL(page.url()).pathname, who).toBe(`/articles/${SEED_SLUG}`);
  }
});

test('a permalink previews as the comment: its author and words under the article’s title, in Open Graph and Twitter tags; a hidden one lends nothing', async ({ request, sql }) => {
  const { rows } = await sql.query<{ id: number; body: string; display_name: string; title: string }>(
    `SELECT c.id, c.body, u.display_name, a.title FROM comments c JOIN users u ON u.id = c.author_id JOIN articles a ON a.id = c.article_id
     WHERE a.slug = $1 AND c.parent_id IS NULL AND c.status = 'visible' ORDER BY c.id LIMIT 1`,
    [SEED_SLUG],
  );
  const c = rows[0];
  const html = await (await request.get(`/articles/${SEED_SLUG}/comments/${c.id}`)).text();
  const meta = (attr: string, name: string) => new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`).exec(html)?.[1];
  const title = `${c.display_name} 在《${c.title}》下的评论`;
  const unescape = (s: string | undefined) => s?.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  expect(unescape(/<title>([^<]*)<\/title>/.exec(html)?.[1])).toBe(`${title} · 议论`);
  expect(unescape(meta('property', 'og:title'))).toBe(title);
  expect(unescape(meta('name', 'twitter:title'))).toBe(title);
  const excerpt = unescape(meta('property', 'og:description'))!;
  expect(c.body.replace(/\s+/g, ' ').trim().startsWith(excerpt.replace(/…$/, ''))).toBe(true);
  expect(unescape(meta('name', 'description'))).toBe(excerpt);
  // A hidden comment's permalink is a 404, and lends its words to nothing.
  const slug = `preview-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '预览', ARRAY['正文'], '测试', now(), now())`, [slug]);
  const hidden = await sql.query<{ id: number }>(
    `INSERT INTO comments (article_id, author_id, body, status) SELECT a.id, (SELECT id FROM users ORDER BY id LIMIT 1), '不该出现在预览里的话', 'hidden' FROM articles a WHERE a.slug = $1 RETURNING id`,
    [slug],
  );
  const gone = await request.get(`/articles/${slug}/comments/${hidden.rows[0].id}`);
  expect(gone.status()).toBe(404);
  expect(await gone.text()).not.toContain('不该出现在预览里的话');
});
