// Members read a thread from the members' shared render (lib/cache/member-shell.ts,
// docs/decisions/006 and 010): the page holds nothing of any one member; their name and
// notifications, the comments they like and their own comments' controls come over it from
// GET /api/v1/me?article=SLUG, with the comments only they may see there (held, hidden,
// removed, or just posted), drawn for them over the shared page.
import crypto from 'node:crypto';
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, sessionCookie, signInContext, type TestMember } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';
import type pg from 'pg';

let counter = 0;
const newThread = async (sql: pg.Pool, name: string, topLevel = 2) => {
  const slug = `${name}-${Date.now().toString(36)}${counter++}`;
  return { ...(await generateThread(sql, { slug, topLevel })), slug };
};
const firstComment = async (sql: pg.Pool, articleId: number) =>
  (await sql.query<{ id: number; like_count: number }>('SELECT id, like_count FROM comments WHERE article_id = $1 ORDER BY id LIMIT 1', [articleId])).rows[0];

test.describe("the members' shared thread page", () => {
  test('a member who took no part gets the shared render: nothing of theirs in it, their name filled in, its scripts allowed by their hashes', async ({ page, sql, member, signIn, baseURL }) => {
    const t = await newThread(sql, 'shell-read');
    const m = await member();
    const headers = { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}` };
    const one = await fetch(`${baseURL}/articles/${t.slug}`, { headers });
    const two = await fetch(`${baseURL}/articles/${t.slug}`, { headers });
    const html = await two.text();
    // Served from the page cache, private to the browser, never to a cache in front.
    expect(two.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    expect(two.headers.get('cache-control')).toBe('private, no-store');
    for (const secret of [m.displayName, m.username]) expect(html.includes(secret), secret).toBe(false);
    // The policy allows exactly the page's own inline scripts, by their hashes (and script
    // files from the site): nothing is rewritten per read, no nonce to guess or reuse.
    const policy = two.headers.get('content-security-policy') ?? '';
    const allowed = new Set([...policy.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]));
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]) && !/ld\+json/.test(m[1]) && m[2] !== '');
    expect(inline.length).toBeGreaterThan(3);
    for (const m of inline) expect(allowed.has(crypto.createHash('sha256').update(m[2], 'utf8').digest('base64'))).toBe(true);
    expect(policy).toMatch(/script-src 'self' 'sha256-/);
    expect(policy).not.toMatch(/unsafe-inline|nonce-/);
    expect(html).not.toMatch(/\snonce="/);
    expect(await one.text()).toBe(html);

    // The header's part comes from GET /api/v1/me, the member's own and never cached.
    expect((await fetch(`${baseURL}/api/v1/me`)).status).toBe(401);
    const me = await fetch(`${baseURL}/api/v1/me`, { headers });
    expect(me.headers.get('cache-control')).toBe('private, no-store');
    expect(await me.json()).toEqual({ username: m.username, displayName: m.displayName, role: 'member', staff: false, unread: 0 });

    await signIn(m);
    const refused: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) refused.push(msg.text());
    });
    await page.goto(`/articles/${t.slug}`);
    await expect(page.getByText(`已登录：${m.displayName}`)).toBeVisible();
    expect(refused).toEqual([]);
    await expect(page.getByRole('form', { name: '发表评论' })).toBeVisible();
  });

  test('a like on the shared page shows at once, and the next page is the shared render again with the like marked', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'shell-like');
    const c = await firstComment(sql, t.articleId);
    const m = await member();
    await signIn(m);
    const first = await page.goto(`/articles/${t.slug}`);
    expect(first!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
    const like = page.locator(`li[data-comment-id="${c.id}"] > article .like-form button`);
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    await expect(like.locator('.like-count')).toHaveText(String(c.like_count + 1));
    await expect.poll(async () => (await sql.query('SELECT 1 FROM likes WHERE comment_id = $1 AND user_id = $2', [c.id, m.id])).rowCount).toBe(1);
    // Once the like is folded into the comment's count, the next load is still the page
    // rendered before it (the render behind it is for the reader after): the liker's own
    // part of the thread carries the count.
    await expect.poll(async () => (await sql.query('SELECT 1 FROM like_deltas WHERE comment_id = $1 AND NOT folded', [c.id])).rowCount).toBe(0);
    const again = await page.reload();
    expect(again!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    await expect(like.locator('.like-count')).toHaveText(String(c.like_count + 1));
    // Unliked on the shared page, it stays unliked after a load.
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await sql.query('SELECT 1 FROM likes WHERE comment_id = $1 AND user_id = $2', [c.id, m.id])).rowCount).toBe(0);
    await expect.poll(async () => (await sql.query('SELECT 1 FROM like_deltas WHERE comment_id = $1 AND NOT folded', [c.id])).rowCount).toBe(0);
    await page.reload();
    await expect(like.locator('.like-count')).toHaveText(String(c.like_count));
    await expect(like).toHaveAttribute('aria-pressed', 'false');
  });

  test('a member who took part long ago reads the shared render with their part laid over it, and deletes their comment that has a reply', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'shell-mine');
    const theirs = await firstComment(sql, t.articleId);
    const [m, other] = [await member(), await member()];
    const mine = (
      await sql.query<{ id: number }>(
        `INSERT INTO comments (article_id, author_id, body, reply_count, thread_reply_count, created_at) VALUES ($1, $2, '我一小时前写的', 1, 1, now() - interval '1 hour') RETURNING id`,
        [t.articleId, m.id],
      )
    ).rows[0].id;
    const reply = (
      await sql.query<{ id: number }>(
        `INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, created_at) VALUES ($1, $2, $3, $3, 1, '别人的回复', now() - interval '50 minutes') RETURNING id`,
        [t.articleId, other.id, mine],
      )
    ).rows[0].id;
    await sql.query('INSERT INTO likes (user_id, comment_id) VALUES ($1, $2)', [m.id, theirs.id]);
    await sql.query('UPDATE comments SET like_count = like_count + 1 WHERE id = $1', [theirs.id]);
    await signIn(m);
    const res = await page.goto(`/articles/${t.slug}?sort=new`);
    expect(res!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
    const card = (id: number) => page.locator(`li[data-comment-id="${id}"] > article`);
    // Their like is marked; their own comment has delete (no edit: it has a reply, and its
    // window is over) and no report menu; others' comments have the report menu.
    await expect(card(theirs.id).locator('.like-form button')).toHaveAttribute('aria-pressed', 'true');
    await expect(card(mine).locator('summary', { hasText: '删除' })).toBeVisible();
    await expect(card(mine).locator('summary', { hasText: '编辑' })).toHaveCount(0);
    await expect(card(mine).locator('.more-menu')).toHaveCount(0);
    await expect(card(reply).locator('.more-menu')).toHaveCount(1);
    await expect(card(reply).locator('summary', { hasText: '删除' })).toHaveCount(0);

    // Deleted with JavaScript on: the page comes back at its tombstone (focused, once the page
    // has taken it: as a person would, nothing is done before), the reply in place.
    await card(mine).locator('summary', { hasText: '删除' }).click();
    await card(mine).getByRole('button', { name: '确定删除' }).click();
    await expect(page.locator(`li#c${mine}`)).toBeFocused();
    await expect(card(mine).locator('.tombstone')).toHaveText('该评论已被作者删除');
    await expect(card(reply).locator('.comment-body')).toHaveText('别人的回复');
    await expect(page.getByText('页面出错了')).toHaveCount(0);
    expect((await sql.query('SELECT status FROM comments WHERE id = $1', [mine])).rows[0].status).toBe('deleted');
    // And the next load is the shared render again: nothing of theirs is left only for them.
    const after = await page.reload();
    expect(after!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
    await expect(card(mine).locator('.tombstone')).toHaveText('该评论已被作者删除');
    await expect(card(mine).locator('summary', { hasText: '删除' })).toHaveCount(0);
  });

  test('a comment posted from the shared page lands in its place, focused, on the page rendered for its author', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'shell-post');
    const m: TestMember = await member();
    await signIn(m);
    await page.goto(`/articles/${t.slug}`);
    const form = page.getByRole('form', { name: '发表评论' });
    await form.getByRole('textbox').fill('在共享页面上发表');
    await form.getByRole('button', { name: '发表' }).click();
    const mine = await expect
      .poll(async () => (await sql.query<{ id: number }>('SELECT id FROM comments WHERE author_id = $1', [m.id])).rows[0]?.id ?? 0)
      .toBeGreaterThan(0)
      .then(async () => (await sql.query<{ id: number }>('SELECT id FROM comments WHERE author_id = $1', [m.id])).rows[0].id);
    await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}#c${mine}$`));
    await expect(page.locator('.comment-list li:focus > article .comment-body')).toHaveText('在共享页面上发表');
    // Now it is theirs: edit and delete are offered on it.
    await expect(page.locator(`li[data-comment-id="${mine}"] > article summary`, { hasText: '编辑' })).toBeVisible();
    // Two tabs of the shared page make two comments, not one (each form makes its own key).
    const other = await page.context().newPage();
    const t2 = await newThread(sql, 'shell-tabs');
    await page.goto(`/articles/${t2.slug}`);
    await other.goto(`/articles/${t2.slug}`);
    await page.getByRole('form', { name: '发表评论' }).getByRole('textbox').fill('第一个标签页');
    await other.getByRole('form', { name: '发表评论' }).getByRole('textbox').fill('第二个标签页');
    await page.getByRole('form', { name: '发表评论' }).getByRole('button', { name: '发表' }).click();
    await expect(page.locator('.comment-list .comment-body', { hasText: '第一个标签页' })).toBeVisible();
    await other.getByRole('form', { name: '发表评论' }).getByRole('button', { name: '发表' }).click();
    await expect(other.locator('.comment-list .comment-body', { hasText: '第二个标签页' })).toBeVisible();
    expect((await sql.query('SELECT body FROM comments WHERE author_id = $1 AND article_id = $2 ORDER BY id', [m.id, t2.articleId])).rows.map((r) => r.body)).toEqual(['第一个标签页', '第二个标签页']);
    await other.close();
  });

  test('staff and suspended members get their page rendered for them; every other member the shared render, whatever of theirs is in the thread', async ({ sql, member, baseURL }) => {
    const t = await newThread(sql, 'shell-who');
    const c = await firstComment(sql, t.articleId);
    const cached = async (m: TestMember) =>
      (await fetch(`${baseURL}/articles/${t.slug}`, { headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}` } })).headers.get('x-nextjs-cache');
    const plain = await member();
    expect(await cached(plain)).toMatch(/HIT|MISS|STALE/);
    expect(await cached(await member({ role: 'moderator' }))).toBeNull();
    expect(await cached(await member({ status: 'suspended', suspendedUntil: new Date(Date.now() + 86_400_000) }))).toBeNull();
    // A like, and a visible comment of theirs from long ago, come over the shared render.
    const liker = await member();
    await sql.query('INSERT INTO likes (user_id, comment_id) VALUES ($1, $2)', [liker.id, c.id]);
    expect(await cached(liker)).toMatch(/HIT|MISS|STALE/);
    const older = await member();
    await sql.query(`INSERT INTO comments (article_id, author_id, body, created_at) VALUES ($1, $2, '很久以前', now() - interval '1 day')`, [t.articleId, older.id]);
    expect(await cached(older)).toMatch(/HIT|MISS|STALE/);
    // So does what only they may see: a comment held, hidden or removed, one just posted.
    for (const [status, created] of [['held', '1 day'], ['hidden', '1 day'], ['removed', '1 day'], ['visible', '1 minute']]) {
      const author = await member();
      await sql.query(`INSERT INTO comments (article_id, author_id, body, status, created_at) VALUES ($1, $2, '只给作者看', $3, now() - $4::interval)`, [t.articleId, author.id, status, created]);
      expect(await cached(author), `${status}, ${created} ago`).toMatch(/HIT|MISS|STALE/);
    }
  });

  test('a member whose comments were held, hidden or removed reads the shared page with them drawn for them alone, and deletes the held one there', async ({ page, sql, member, signIn, browser, baseURL }) => {
    const t = await newThread(sql, 'shell-own');
    const [m, other] = [await member(), await member()];
    const insert = async (body: string, status: string, reason: string | null, replies = 0) =>
      (
        await sql.query<{ id: number }>(
          `INSERT INTO comments (article_id, author_id, body, status, status_reason, reply_count, thread_reply_count, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6, now() - interval '2 minutes') RETURNING id`,
          [t.articleId, m.id, body, status, reason, replies],
        )
      ).rows[0].id;
    const held = await insert('这条等待审核', 'held', 'word:暗号');
    const hidden = await insert('这条被隐藏了', 'hidden', '离题');
    const removed = await insert('这条被删除了', 'removed', '人身攻击', 1);
    await sql.query(`INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body) VALUES ($1, $2, $3, $3, 1, '对被删除评论的回复')`, [t.articleId, other.id, removed]);
    await signIn(m);
    const res = await page.goto(`/articles/${t.slug}`);
    expect(res!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
    const card = (id: number) => page.locator(`li[data-comment-id="${id}"] > article`);
    await expect(card(held)).toContainText('你的评论正在等待审核');
    await expect(card(held).locator('.comment-body')).toHaveText('这条等待审核');
    // Why a comment is held is the moderators' business; why one was hidden or removed is the author's.
    await expect(card(held)).not.toContainText('暗号');
    await expect(card(hidden)).toContainText('你的这条评论已被版主隐藏');
    await expect(card(hidden)).toContainText('原因：离题');
    await expect(card(removed)).toContainText('你的这条评论已被版主删除');
    await expect(card(removed)).toContainText('原因：人身攻击');
    await expect(card(removed).locator('.comment-body')).toHaveText('这条被删除了');
    await expect(page.locator(`li[data-comment-id="${removed}"] .replies .comment-body`)).toHaveText('对被删除评论的回复');
    for (const id of [held, hidden, removed]) await expect(page.locator(`li[data-comment-id="${id}"]`)).toHaveCount(1);
    // Another member, on the same shared render, sees none of it: a tombstone keeps the reply's place.
    const theirs = await browser.newContext();
    await signInContext(theirs, baseURL!, other);
    const otherPage = await theirs.newPage();
    await otherPage.goto(`/articles/${t.slug}`);
    await expect(otherPage.locator(`li[data-comment-id="${removed}"] > article .tombstone`)).toHaveText('该评论已被删除');
    await expect(otherPage.locator('.comment-list')).not.toContainText('这条等待审核');
    await expect(otherPage.locator('.comment-list')).not.toContainText('这条被隐藏了');
    await expect(otherPage.locator('.comment-list')).not.toContainText('这条被删除了');
    await theirs.close();
    // Their held comment is theirs to delete, there.
    await card(held).locator('summary', { hasText: '删除' }).click();
    await card(held).getByRole('button', { name: '确定删除' }).click();
    await expect.poll(async () => (await sql.query('SELECT status FROM comments WHERE id = $1', [held])).rows[0].status).toBe('deleted');
    await expect(page.locator('.comment-list')).not.toContainText('这条等待审核');
    await expect(card(hidden)).toContainText('原因：离题');
  });

  test("a member's comment and reply of the last minutes stay in view for them on the shared page: the comment first on the first page, the reply under its thread past the reply cap", async ({ page, sql, member, signIn, browser, baseURL }) => {
    const slug = `shell-recent-${Date.now().toString(36)}${counter++}`;
    const t = await generateThread(sql, { slug, topLevel: 60, rootsWithReplies: 1, repliesPerRoot: 7 });
    // The thread with replies leads the first page; their comment, without likes, sorts onto the second.
    const root = (await sql.query<{ id: number }>('UPDATE comments SET like_count = 500, base_like_count = 500 WHERE article_id = $1 AND depth = 0 AND thread_reply_count > 0 RETURNING id', [t.articleId])).rows[0].id;
    const m = await member();
    const mine = (await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body, created_at) VALUES ($1, $2, '我刚发的评论', now() - interval '1 minute') RETURNING id`, [t.articleId, m.id])).rows[0].id;
    const reply = (await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body) VALUES ($1, $2, $3, $3, 1, '我刚发的回复') RETURNING id`, [t.articleId, m.id, root])).rows[0].id;
    await sql.query('UPDATE comments SET reply_count = reply_count + 1, thread_reply_count = thread_reply_count + 1 WHERE id = $1', [root]);
    await signIn(m);
    const res = await page.goto(`/articles/${slug}`);
    expect(res!.headers()['x-nextjs-cache']).toMatch(/HIT|MISS|STALE/);
    await expect(page.locator('.comment-list > li').first()).toHaveAttribute('data-comment-id', String(mine));
    await expect(page.locator(`li[data-comment-id="${mine}"] > article .comment-body`)).toHaveText('我刚发的评论');
    await expect(page.locator(`li[data-comment-id="${root}"] .replies li[data-comment-id="${reply}"] .comment-body`)).toHaveText('我刚发的回复');
    // Theirs to edit and delete, there.
    await expect(page.locator(`li[data-comment-id="${mine}"] > article summary`, { hasText: '编辑' })).toBeVisible();
    await expect(page.locator(`li[data-comment-id="${reply}"] > article summary`, { hasText: '删除' })).toBeVisible();
    // Everyone else reads the thread in its order: neither is on its first page.
    const theirs = await browser.newContext();
    await signInContext(theirs, baseURL!, await member());
    const other = await theirs.newPage();
    await other.goto(`/articles/${slug}`);
    await expect(other.locator(`li[data-comment-id="${root}"]`)).toBeVisible();
    await expect(other.locator('.comment-list')).not.toContainText('我刚发的');
    await theirs.close();
  });
});
