// A member's own things, in a browser: editing and deleting their comments, notifications of
// replies and mentions, profiles, settings (password, export, leaving), permalinks that find
// any reply, and sign-in that comes back where it started.
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, MEMBER_PASSWORD, type TestMember } from './fixtures.ts';
import type { Page } from '@playwright/test';
import type pg from 'pg';

const newThread = async (sql: pg.Pool, name: string, topLevel = 1) => {
  const slug = `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  return { ...(await generateThread(sql, { slug, topLevel })), slug };
};
const card = (page: Page, id: number) => page.locator(`li[data-comment-id="${id}"]`);
const latest = async (sql: pg.Pool, m: TestMember) =>
  (await sql.query<{ id: number }>('SELECT id FROM comments WHERE author_id = $1 ORDER BY id DESC LIMIT 1', [m.id])).rows[0]?.id ?? 0;

/** A comment written straight into the database, with the counters a post would move. */
async function insertComment(sql: pg.Pool, articleId: number, author: TestMember, body: string, parent?: { id: number; rootId: number | null; depth: number }) {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO comments (article_id, author_id, body, parent_id, root_id, depth) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [articleId, author.id, body, parent?.id ?? null, parent ? (parent.rootId ?? parent.id) : null, parent ? parent.depth + 1 : 0],
  );
  await sql.query('UPDATE articles SET comment_count = comment_count + 1 WHERE id = $1', [articleId]);
  if (parent) {
    await sql.query('UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1', [parent.id]);
    await sql.query('UPDATE comments SET thread_reply_count = thread_reply_count + 1 WHERE id = $1', [parent.rootId ?? parent.id]);
  }
  return rows[0].id;
}

async function signInWithForm(page: Page, m: { username: string }, password = MEMBER_PASSWORD) {
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(m.username);
  await form.getByLabel('密码').fill(password);
  await form.getByRole('button', { name: '登录' }).click();
}

test.describe('editing one’s own comment', () => {
  test('within the window the new text replaces the old, marked edited; past it the edit is gone and the API refuses', async ({ page, sql, member, signIn, baseURL }) => {
    const t = await newThread(sql, 'edit');
    const m = await member();
    await signIn(m);
    await page.goto(`/articles/${t.slug}`);
    const form = page.getByRole('form', { name: '发表评论' });
    await form.getByRole('textbox').fill('原来的话');
    await form.getByRole('button', { name: '发表' }).click();
    await expect.poll(() => latest(sql, m)).toBeGreaterThan(0);
    const id = await latest(sql, m);
    // As the member sees it: their comment in its place, focused, on the page that is now
    // theirs (it was the members' shared page until they posted), and that page working.
    await expect(page.locator(`li[data-comment-id="${id}"]:focus`)).toHaveCount(1);
    await expect(page.locator('form.comment-form input[name="js"]').first()).toHaveValue('1');
    await card(page, id).locator('> article summary', { hasText: '编辑' }).click();
    const edit = card(page, id).getByRole('form', { name: '编辑你的评论' });
    await expect(edit.getByRole('textbox')).toHaveValue('原来的话');
    await edit.getByRole('textbox').fill('改过的话');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await expect(card(page, id).locator('> article .comment-body')).toHaveText('改过的话');
    await expect(card(page, id).locator('> article .edited')).toContainText('已编辑');

    // A banned word refuses the edit and keeps what was typed.
    await sql.query(`INSERT INTO word_rules (pattern, kind) VALUES ('编辑禁词', 'banned') ON CONFLICT DO NOTHING`);
    try {
      await card(page, id).locator('> article summary', { hasText: '编辑' }).click();
      await edit.getByRole('textbox').fill('含有编辑禁词的话');
      await edit.getByRole('button', { name: '保存修改' }).click();
      await expect(edit.getByRole('alert')).toHaveText('评论含有不允许使用的词语「编辑禁词」，请修改后再发。');
      await expect(edit.getByRole('textbox')).toHaveValue('含有编辑禁词的话');
    } finally {
      await sql.query(`DELETE FROM word_rules WHERE pattern = '编辑禁词'`);
    }

    await sql.query(`UPDATE comments SET created_at = now() - interval '16 minutes' WHERE id = $1`, [id]);
    await page.reload();
    await expect(card(page, id).locator('> article .comment-body')).toHaveText('改过的话');
    await expect(card(page, id).locator('> article summary', { hasText: '编辑' })).toHaveCount(0);
    const res = await page.request.patch(`/api/v1/comments/${id}`, { data: { body: '太晚了' }, headers: { origin: baseURL! } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: 'edit_window_closed', message: '评论发表 15 分钟后就不能再编辑了。' });
  });
});

test.describe('deleting one’s own comment, JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('without replies it disappears; with replies it leaves the author’s tombstone and the replies stay', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'delete', 0);
    const [a, b] = [await member(), await member()];
    const lonely = await insertComment(sql, t.articleId, a, '没人回的评论');
    const answered = await insertComment(sql, t.articleId, a, '有人回的评论');
    const reply = await insertComment(sql, t.articleId, b, '我回复了', { id: answered, rootId: null, depth: 0 });
    await signIn(a);
    await page.goto(`/articles/${t.slug}?sort=old`);
    // The members' shared page lays what is theirs over it with JavaScript; without, it links to
    // the page made for them.
    await page.getByRole('link', { name: '浏览器没有启用 JavaScript：打开为你生成的这一页，就能编辑、删除你自己的评论。' }).click();
    await expect(page.getByRole('heading', { name: '评论 (3)' })).toBeVisible();
    // No delete on someone else's comment.
    await expect(card(page, reply).locator('> article summary', { hasText: '删除' })).toHaveCount(0);

    await card(page, lonely).locator('> article summary', { hasText: '删除' }).click();
    await card(page, lonely).getByRole('button', { name: '确定删除' }).click();
    await expect(card(page, lonely)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: '评论 (2)' })).toBeVisible();

    await card(page, answered).locator('> article summary', { hasText: '删除' }).click();
    await expect(card(page, answered).locator('.delete-box')).toContainText('回复会保留');
    await card(page, answered).getByRole('button', { name: '确定删除' }).click();
    await expect(card(page, answered).locator('> article .tombstone')).toHaveText('该评论已被作者删除');
    await expect(card(page, reply).locator('> article .comment-body')).toHaveText('我回复了');
    await expect(page.getByRole('heading', { name: '评论 (1)' })).toBeVisible();
    expect((await sql.query('SELECT status FROM comments WHERE id = $1', [answered])).rows[0].status).toBe('deleted');
  });
});

test('a reply and a mention each make a notification: counted in the header, listed, read', async ({ page, sql, member, signIn }) => {
  const t = await newThread(sql, 'notify', 0);
  const [a, b, c] = [await member(), await member(), await member()];
  const mine = await insertComment(sql, t.articleId, a, '等人来回复');
  await signIn(b);
  await page.goto(`/articles/${t.slug}`);
  await card(page, mine).locator('> article summary', { hasText: '回复' }).click();
  await card(page, mine).getByRole('form').getByRole('textbox').fill(`说得好，@${c.username.toUpperCase()} 也来看看`);
  await card(page, mine).getByRole('form').getByRole('button', { name: '回复' }).click();
  await expect.poll(() => latest(sql, b)).toBeGreaterThan(0);
  const reply = await latest(sql, b);
  // The mention links to the profile of the member named.
  await expect(card(page, reply).locator('.comment-body a.mention')).toHaveAttribute('href', `/u/${c.username}`);

  for (const [who, text] of [[a, `测试${b.username} 回复了你的评论`], [c, `测试${b.username} 在评论中提到了你`]] as const) {
    // Leave the page first: its live script may be refreshing it as the session changes.
    await page.goto('about:blank');
    await page.context().clearCookies();
    await signIn(who);
    await page.goto(`/articles/${t.slug}`);
    const bell = page.locator('.notifications-link');
    await expect(page.getByRole('link', { name: '通知 1 条未读' })).toBeVisible();
    await bell.click();
    const item = page.locator('.notifications li').first();
    await expect(item).toContainText(text);
    await expect(item.getByRole('link')).toHaveAttribute('href', `/articles/${t.slug}/comments/${reply}#c${reply}`);
    // The time leads the line under the notification ("刚刚  在《…》"), never alone on one.
    const [where, when] = await Promise.all([item.locator('.meta').boundingBox(), item.locator('.when').boundingBox()]);
    expect(Math.abs(when!.y - where!.y)).toBeLessThan(3);
    expect(Math.abs(when!.x - where!.x)).toBeLessThan(3);
    await page.reload();
    await expect(page.locator('.notifications-link')).toHaveAccessibleName('通知');
  }
});

test('a profile shows the member, their counts and their visible comments with their threads', async ({ page, sql, member }) => {
  const t = await newThread(sql, 'profile', 0);
  const m = await member();
  await insertComment(sql, t.articleId, m, '公开的评论');
  const hidden = await insertComment(sql, t.articleId, m, '被隐藏的评论');
  await sql.query(`UPDATE comments SET status = 'hidden' WHERE id = $1`, [hidden]);
  await sql.query(`UPDATE comments SET like_count = 3 WHERE author_id = $1 AND status = 'visible'`, [m.id]);
  await page.goto(`/u/${m.username}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.displayName);
  await expect(page.locator('[data-stat="comments"]')).toHaveText('1');
  await expect(page.locator('[data-stat="likes"]')).toHaveText('3');
  await expect(page.locator('.profile-comments .comment-body')).toHaveText(['公开的评论']);
  await expect(page.locator('.profile-comments').getByRole('link', { name: `生成的话题 ${t.slug}` })).toBeVisible();
  // Imported commenters have profiles too: the seeded thread's authors link to theirs.
  await page.goto('/articles/05afd521a51e');
  await page.locator('.comment-list > li > article .author a').first().click();
  await expect(page).toHaveURL(/\/u\//);
  await expect(page.locator('.profile .meta')).toContainText('评论导入自');
  expect(Number(await page.locator('[data-stat="comments"]').textContent())).toBeGreaterThan(0);
  const api = await page.request.get(`/api/v1/users/${m.username}`);
  expect(await api.json()).toMatchObject({ user: { username: m.username, commentCount: 1, likesReceived: 3 }, comments: [{ body: '公开的评论' }] });
});

test('a password change needs the current one and ends the other session; this one stays signed in', async ({ page, browser, member, signIn, baseURL }) => {
  const m = await member();
  await signIn(m);
  const other = await browser.newContext({ baseURL });
  const { signInContext } = await import('./fixtures.ts');
  await signInContext(other, baseURL!, m);
  const otherPage = await other.newPage();
  await otherPage.goto('/settings');
  await expect(otherPage.getByRole('heading', { name: '账号设置' })).toBeVisible();

  await page.goto('/settings');
  const form = page.getByRole('form', { name: '修改密码' });
  await form.getByLabel('当前密码').fill('not my password');
  await form.getByLabel('新密码').fill('a brand new passphrase 7');
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(form.getByRole('alert')).toHaveText('当前密码不正确。');
  await expect(form.getByLabel('当前密码')).toBeFocused();
  await form.getByLabel('当前密码').fill(MEMBER_PASSWORD);
  await form.getByLabel('新密码').fill('a brand new passphrase 7');
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '密码已修改' })).toBeVisible();
  await expect(page.locator('.user-menu summary')).toContainText(m.displayName);

  await otherPage.reload();
  await expect(otherPage.getByRole('heading', { name: '登录议论' })).toBeVisible();
  await other.close();
});

test('export one’s data, then delete the account: signed out, the name kept reserved, comments without text', async ({ page, sql, member, signIn }) => {
  const t = await newThread(sql, 'leave', 0);
  const [m, b] = [await member(), await member()];
  const answered = await insertComment(sql, t.articleId, m, '离开前写的');
  await insertComment(sql, t.articleId, b, '回复要离开的人', { id: answered, rootId: null, depth: 0 });
  await signIn(m);
  await page.goto('/settings');
  const exported = await page.request.get('/api/v1/me/export');
  // Named after the member and the day, the username as spelled (never "yilun-__2026.json").
  expect(exported.headers()['content-disposition']).toMatch(/^attachment; filename="yilun-[\w-]+-\d{4}-\d{2}-\d{2}\.json"; filename\*=UTF-8''yilun-/);
  expect(decodeURIComponent(exported.headers()['content-disposition'].split("''")[1])).toMatch(new RegExp(`^yilun-${m.username}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const data = await exported.json();
  expect(data.profile.username).toBe(m.username);
  expect(data.comments.map((c: { body: string }) => c.body)).toEqual(['离开前写的']);

  const form = page.getByRole('form', { name: '注销账号' });
  await form.getByLabel('输入密码以确认').fill('wrong password');
  await form.getByRole('button', { name: '永久注销我的账号' }).click();
  await expect(form.getByRole('alert')).toHaveText('当前密码不正确。');
  await form.getByLabel('输入密码以确认').fill(MEMBER_PASSWORD);
  await form.getByRole('button', { name: '永久注销我的账号' }).click();
  await expect(page).toHaveURL(/\/goodbye$/);
  await expect(page.getByRole('heading', { name: '你的账号已注销' })).toBeVisible();
  await expect(page.locator('.user-menu').getByRole('link', { name: '登录' })).toBeVisible();

  await page.goto(`/articles/${t.slug}`);
  await expect(card(page, answered).locator('> article .tombstone')).toHaveText('已注销用户：评论已删除');
  await expect(page.getByText('离开前写的')).toHaveCount(0);
  expect((await sql.query('SELECT body FROM comments WHERE id = $1', [answered])).rows[0].body).toBe('');
  await page.goto('/signin');
  await signInWithForm(page, m);
  await expect(page.getByRole('form', { name: '登录' }).getByRole('alert')).toHaveText('用户名或密码不正确。');
});

test('a permalink to the 150th reply of a conversation shows it, marked, with earlier replies a click away', async ({ page, sql }) => {
  const slug = `long-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 1, rootsWithReplies: 1, repliesPerRoot: 200 });
  const target = (
    await sql.query<{ id: number }>(
      `SELECT id FROM comments WHERE article_id = $1 AND depth > 0 ORDER BY created_at, id OFFSET 149 LIMIT 1`,
      [t.articleId],
    )
  ).rows[0].id;
  await page.goto(`/articles/${slug}/comments/${target}#c${target}`);
  await expect(card(page, target)).toBeInViewport();
  await expect(card(page, target)).toHaveAttribute('aria-current', 'location');
  await expect(page.getByRole('link', { name: '显示更早的回复' })).toBeVisible();
});

test('sign-in from the header comes back to the thread with its sort; sign-out returns there too', async ({ page, sql, member }) => {
  const t = await newThread(sql, 'return', 2);
  const m = await member();
  await page.goto(`/articles/${t.slug}?sort=new`);
  await page.locator('.user-menu').getByRole('link', { name: '登录' }).click();
  await expect(page.getByRole('textbox', { name: '用户名' })).toBeFocused();
  await signInWithForm(page, m);
  await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}\\?sort=new$`));
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}\\?sort=new$`));
  await expect(page.locator('.user-menu').getByRole('link', { name: '登录' })).toBeVisible();
});

test('paged lists go older and back newer: notifications and a profile', async ({ page, sql, member, signIn }) => {
  const t = await newThread(sql, 'pages', 0);
  const [m, other] = [await member(), await member()];
  // 45 comments of m's, each answered by another member: 45 notifications, 45 profile items.
  for (let i = 0; i < 45; i++) {
    const c = await insertComment(sql, t.articleId, m, `第 ${i} 条`);
    await sql.query(`UPDATE comments SET created_at = now() - make_interval(mins => $2) WHERE id = $1`, [c, 100 - i]);
    const r = await insertComment(sql, t.articleId, other, `回复第 ${i} 条`, { id: c, rootId: null, depth: 0 });
    await sql.query(`INSERT INTO notifications (user_id, type, comment_id, actor_id, created_at) VALUES ($1, 'reply', $2, $3, now() - make_interval(mins => $4))`, [m.id, r, other.id, 100 - i]);
  }
  await signIn(m);
  for (const [path, item] of [['/notifications', '.notifications li blockquote'], [`/u/${m.username}`, '.profile-comments .comment-body']] as const) {
    await page.goto(path);
    const first = await page.locator(item).first().textContent();
    await expect(page.getByRole('link', { name: /较新/ })).toHaveCount(0);
    await page.getByRole('link', { name: /较早/ }).click();
    const second = await page.locator(item).first().textContent();
    expect(second).not.toBe(first);
    await page.getByRole('link', { name: /较早/ }).click();
    await expect(page.getByRole('link', { name: /较早/ })).toHaveCount(0);
    await page.getByRole('link', { name: /较新/ }).click();
    await expect(page.locator(item).first()).toHaveText(second!);
    await page.getByRole('link', { name: /较新/ }).click();
    await expect(page.locator(item).first()).toHaveText(first!);
    await expect(page.getByRole('link', { name: /较新/ })).toHaveCount(0);
  }
});

test('a mention of a deleted account is plain text, not a link to a missing page', async ({ page, sql, member }) => {
  const t = await newThread(sql, 'mention-gone', 0);
  const [writer, kept, gone] = [await member(), await member(), await member()];
  await sql.query('UPDATE users SET deleted_at = now() WHERE id = $1', [gone.id]);
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO comments (article_id, author_id, body, mentions) VALUES ($1, $2, $3, $4) RETURNING id`,
    [t.articleId, writer.id, `@${kept.username} 和 @${gone.username} 你们看`, [kept.username, gone.username]],
  );
  await page.goto(`/articles/${t.slug}`);
  const body = card(page, rows[0].id).locator('.comment-body');
  await expect(body.locator('a.mention')).toHaveCount(1);
  await expect(body.locator('a.mention')).toHaveAttribute('href', `/u/${kept.username}`);
  await expect(body).toContainText(`@${gone.username}`);
});
