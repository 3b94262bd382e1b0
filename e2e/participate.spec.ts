import { generateThread } from '../tests/support/generate-thread.ts';
import { awaitFreshWindow } from '../tests/support/rate-window.ts';
import { test, expect, MEMBER_PASSWORD, type TestMember } from './fixtures.ts';
import type { Page } from '@playwright/test';
import type pg from 'pg';

const newThread = async (sql: pg.Pool, name: string, topLevel = 1) => {
  const slug = `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const thread = await generateThread(sql, { slug, topLevel });
  return { ...thread, slug };
};

const commentById = (page: Page, id: number | string) => page.locator(`li[data-comment-id="${id}"]`);
const likeOf = (page: Page, id: number | string) => commentById(page, id).locator('> article .like-form button, > article a.like').first();

async function latestCommentId(sql: pg.Pool, m: TestMember): Promise<number> {
  return (await sql.query<{ id: number }>('SELECT id FROM comments WHERE author_id = $1 ORDER BY id DESC LIMIT 1', [m.id])).rows[0]?.id ?? 0;
}

test.describe('taking part with JavaScript on', () => {
  test('comment, reply and reply to a reply with the mouse; each appears in place', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'mouse');
    const [a, b] = [await member(), await member()];
    await signIn(a);
    await page.goto(`/articles/${t.slug}`);
    const form = page.getByRole('form', { name: '发表评论' });
    const box = form.getByRole('textbox', { name: '发表评论' });
    await expect(form.getByText('还可以输入 2000 字')).toBeVisible();
    await box.fill('我的第一条评论\n第二行');
    await expect(form.getByText('还可以输入 1989 字')).toBeVisible();
    await form.getByRole('button', { name: '发表' }).click();
    // The comment lands in its place as a full card, marked and focused; the count, the
    // counter and the box start afresh.
    await expect.poll(() => latestCommentId(sql, a)).toBeGreaterThan(0);
    const topId = await latestCommentId(sql, a);
    const card = commentById(page, topId);
    await expect(card.locator('> article .comment-body')).toHaveText('我的第一条评论\n第二行');
    await expect(card).toBeFocused();
    await expect(card).toHaveClass(/just-posted/);
    await expect(card.locator('> article .like-form button')).toBeVisible();
    await expect(card.locator('> article summary', { hasText: '回复' })).toBeVisible();
    await expect(card.locator('> article a.when')).toHaveAttribute('href', `/articles/${t.slug}/comments/${topId}#c${topId}`);
    await expect(page.getByRole('heading', { name: '评论 (2)' })).toBeVisible();
    await expect(box).toHaveValue('');
    await expect(form.getByText('还可以输入 2000 字')).toBeVisible();
    await expect(page.getByRole('list', { name: '你刚发表的评论' })).toHaveCount(0);

    // Another member replies to it, and the first replies to the reply.
    // Leave the page first: its live script may be refreshing it as the session changes.
    await page.goto('about:blank');
    await page.context().clearCookies();
    await signIn(b);
    await page.goto(`/articles/${t.slug}?sort=new`);
    await expect(page.locator('.comment-list > li').first()).toHaveAttribute('data-comment-id', String(topId));
    await commentById(page, topId).locator('> article summary', { hasText: '回复' }).click();
    const replyForm = commentById(page, topId).getByRole('form', { name: `回复 测试${a.username}` });
    // The reply starts with the member's @username, the caret after it, ready to continue.
    await expect(replyForm.getByRole('textbox')).toHaveValue(`@${a.username} `);
    await expect(replyForm.getByRole('textbox')).toBeFocused();
    expect(await replyForm.getByRole('textbox').evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(a.username.length + 2);
    await replyForm.getByRole('textbox').fill('同意楼上');
    await replyForm.getByRole('button', { name: '回复' }).click();
    await expect.poll(() => latestCommentId(sql, b)).toBeGreaterThan(0);
    const replyId = await latestCommentId(sql, b);
    await expect(commentById(page, topId).locator(`.replies li[data-comment-id="${replyId}"] .comment-body`)).toHaveText('同意楼上');
    await expect(commentById(page, replyId)).toBeFocused();
    // The reply box closed.
    await expect(replyForm).toBeHidden();

    // Leave the page first: its live script may be refreshing it as the session changes.
    await page.goto('about:blank');
    await page.context().clearCookies();
    await signIn(a);
    await page.goto(`/articles/${t.slug}?sort=new`);
    const reply = commentById(page, replyId);
    await expect(reply.locator('> article .author')).toHaveText(`测试${b.username}`);
    await expect(reply.locator('> article .reply-to')).toHaveText(`回复 @测试${a.username}`);
    await reply.locator('> article summary', { hasText: '回复' }).click();
    await reply.getByRole('form').getByRole('textbox').fill('谢谢支持');
    await reply.getByRole('form').getByRole('button', { name: '回复' }).click();
    await expect(reply.locator('.replies .comment-body')).toHaveText('谢谢支持');
    await expect(page.getByRole('heading', { name: '评论 (4)' })).toBeVisible();

    await page.reload();
    const nested = commentById(page, topId).locator('.replies .replies .comment-body');
    await expect(nested).toHaveText('谢谢支持');
    await expect(page.getByRole('heading', { name: '评论 (4)' })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/taking-part.png' });
  });

  test('like and unlike with the mouse: shown at once, kept by the server', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'likes');
    const c = (await sql.query<{ id: number; like_count: number }>('SELECT id, like_count FROM comments WHERE article_id = $1', [t.articleId])).rows[0];
    await signIn(await member());
    await page.goto(`/articles/${t.slug}`);
    const like = likeOf(page, c.id);
    await expect(like).toHaveAttribute('aria-pressed', 'false');
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    await expect(like.locator('.like-count')).toHaveText(String(c.like_count + 1));
    await expect.poll(async () => (await sql.query('SELECT like_count FROM comments WHERE id = $1', [c.id])).rows[0].like_count).toBe(c.like_count + 1);
    await page.reload();
    await expect(likeOf(page, c.id)).toHaveAttribute('aria-pressed', 'true');
    await likeOf(page, c.id).click();
    await expect(likeOf(page, c.id)).toHaveAttribute('aria-pressed', 'false');
    await expect(likeOf(page, c.id).locator('.like-count')).toHaveText(String(c.like_count));
    await expect.poll(async () => (await sql.query('SELECT count(*)::int AS n FROM likes WHERE comment_id = $1', [c.id])).rows[0].n).toBe(0);
  });

  test('the keyboard alone can comment, reply and like', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'keys');
    const c = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [t.articleId])).rows[0];
    const m = await member();
    await signIn(m);
    await page.goto(`/articles/${t.slug}`);
    await page.getByRole('textbox', { name: '发表评论' }).focus();
    await page.keyboard.type('键盘写的评论');
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('.comment-list .comment-body', { hasText: '键盘写的评论' })).toBeVisible();
    await expect(page.locator('.comment-list li:focus .comment-body')).toHaveText('键盘写的评论');

    const like = likeOf(page, c.id);
    await like.focus();
    await page.keyboard.press('Space');
    await expect(like).toHaveAttribute('aria-pressed', 'true');

    await page.keyboard.press('Tab'); // to the reply summary
    await page.keyboard.press('Enter');
    // The reply box opens with its text field focused.
    await expect(commentById(page, c.id).getByRole('textbox')).toBeFocused();
    await page.keyboard.type('键盘回复');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // Typed after the prefilled "@username " of the member replied to.
    const author = (await sql.query<{ username: string }>('SELECT u.username FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1', [c.id])).rows[0].username;
    await expect(commentById(page, c.id).locator('.replies .comment-body')).toHaveText(`@${author} 键盘回复`);
    await expect(page.locator('.replies li:focus .comment-body')).toHaveText(`@${author} 键盘回复`);

    // And unlike, still by keyboard.
    await like.focus();
    await page.keyboard.press('Enter');
    await expect(like).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await sql.query('SELECT count(*)::int AS n FROM likes WHERE comment_id = $1', [c.id])).rows[0].n).toBe(0);
  });

  test('a bad comment gets its reason and keeps the text; the live count warns first', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'bad');
    await signIn(await member());
    await page.goto(`/articles/${t.slug}`);
    const form = page.getByRole('form', { name: '发表评论' });
    const long = '长'.repeat(2003);
    await form.getByRole('textbox', { name: '发表评论' }).fill(long);
    await expect(form.getByText('超出 3 字')).toBeVisible();
    await form.getByRole('button', { name: '发表' }).click();
    await expect(form.getByRole('alert')).toHaveText('评论最多 2000 个字符。');
    await expect(form.getByRole('textbox', { name: '发表评论' })).toHaveValue(long);
    expect((await sql.query('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [t.articleId])).rows[0].n).toBe(1);
  });

  test('a reader who is not signed in is sent to sign in and brought back to the same comment', async ({ page, sql, member }) => {
    const t = await newThread(sql, 'anon', 3);
    const c = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1 ORDER BY id DESC LIMIT 1', [t.articleId])).rows[0];
    const m = await member();
    await page.goto(`/articles/${t.slug}`);
    await likeOf(page, c.id).click();
    await expect(page.getByRole('heading', { name: '登录议论' })).toBeVisible();
    const form = page.getByRole('form', { name: '登录' });
    await form.getByLabel('用户名').fill(m.username);
    await form.getByLabel('密码').fill(MEMBER_PASSWORD);
    await form.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}\\?sort=top#c${c.id}$`));
    await expect(likeOf(page, c.id)).toHaveAttribute('aria-pressed', 'false');
    await expect(likeOf(page, c.id)).toBeInViewport();
  });
});

test.describe('taking part with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('comment, reply, like and unlike: each form posts and the page comes back at the comment', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'nojs');
    const c = (await sql.query<{ id: number; like_count: number }>('SELECT id, like_count FROM comments WHERE article_id = $1', [t.articleId])).rows[0];
    const m = await member();
    await signIn(m);
    await page.goto(`/articles/${t.slug}`);
    await page.getByRole('textbox', { name: '发表评论' }).fill('没有脚本也能评论');
    await page.getByRole('button', { name: '发表' }).click();
    const mine = await latestCommentId(sql, m);
    await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}\\?sort=top#c${mine}$`));
    await expect(commentById(page, mine).locator('> article .comment-body')).toHaveText('没有脚本也能评论');

    await likeOf(page, c.id).click();
    await expect(page).toHaveURL(new RegExp(`#c${c.id}$`));
    await expect(likeOf(page, c.id)).toHaveAttribute('aria-pressed', 'true');
    await expect(likeOf(page, c.id).locator('.like-count')).toHaveText(String(c.like_count + 1));
    await likeOf(page, c.id).click();
    await expect(likeOf(page, c.id)).toHaveAttribute('aria-pressed', 'false');

    // Without JavaScript a card's "回复" opens (a <details>) onto a link to the comment's own
    // page, where its reply form is in the page and open (the thread carries no reply forms:
    // docs/decisions/006); posted, the reply brings the member back to the thread, at it.
    await commentById(page, c.id).locator('> article summary', { hasText: '回复' }).click();
    await commentById(page, c.id).getByRole('link', { name: '在这条评论的页面回复' }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}/comments/${c.id}\\?reply=1&back=[^#]+#c${c.id}$`));
    await commentById(page, c.id).getByRole('form', { name: /^回复 / }).getByRole('textbox').fill('无脚本回复');
    await commentById(page, c.id).getByRole('form', { name: /^回复 / }).getByRole('button', { name: '回复' }).click();
    const replyId = await latestCommentId(sql, m);
    await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}\\?sort=top#c${replyId}$`));
    await expect(commentById(page, c.id).locator('.replies .comment-body')).toHaveText('无脚本回复');

    // A reply to that reply, still without JavaScript, lands under it.
    await commentById(page, replyId).locator('> article summary', { hasText: '回复' }).click();
    await commentById(page, replyId).getByRole('link', { name: '在这条评论的页面回复' }).click();
    await commentById(page, replyId).getByRole('form', { name: /^回复 / }).getByRole('textbox').fill('回复的回复');
    await commentById(page, replyId).getByRole('form', { name: /^回复 / }).getByRole('button', { name: '回复' }).click();
    await expect(page.locator(`li[data-comment-id="${replyId}"] > .replies .comment-body`)).toHaveText('回复的回复');
    // And the thread shows both where they belong.
    await page.goto(`/articles/${t.slug}`);
    await expect(page.locator(`li[data-comment-id="${replyId}"] > .replies .comment-body`)).toHaveText('回复的回复');

    // Reporting goes the same way: the "⋯" menu links to the comment's page with the form open.
    await commentById(page, c.id).locator('> article .more-menu > summary').click();
    await commentById(page, c.id).getByRole('link', { name: '在这条评论的页面举报' }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${t.slug}/comments/${c.id}\\?report=1#c${c.id}$`));
    const report = commentById(page, c.id).getByRole('form', { name: '举报' });
    await report.getByLabel('原因').selectOption('spam');
    await report.getByRole('button', { name: '提交举报' }).click();
    await expect(commentById(page, c.id).getByRole('status')).toHaveText('已举报，谢谢。版主会尽快处理。');
    expect((await sql.query('SELECT 1 FROM reports WHERE comment_id = $1', [c.id])).rowCount).toBe(1);
  });

  test('a bad comment without JavaScript keeps the text and shows the reason', async ({ page, sql, member, signIn }) => {
    const t = await newThread(sql, 'nojs-bad');
    await signIn(await member());
    await page.goto(`/articles/${t.slug}`);
    await page.getByRole('textbox', { name: '发表评论' }).fill('响铃\u0007字符');
    await page.getByRole('button', { name: '发表' }).click();
    await expect(page.getByText('评论里有不可见的控制字符，请删除后再发。')).toBeVisible();
    await expect(page.getByRole('textbox', { name: '发表评论' })).toHaveValue('响铃\u0007字符');
  });
});

test('posting too fast is refused with a clear message, and the text stays', async ({ page, sql, member, signIn }) => {
  const t = await newThread(sql, 'fast');
  await signIn(await member());
  await page.goto(`/articles/${t.slug}`);
  await awaitFreshWindow(10, 6);
  const form = page.getByRole('form', { name: '发表评论' });
  for (let i = 1; i <= 3; i++) {
    await form.getByRole('textbox').fill(`第 ${i} 条`);
    await form.getByRole('button', { name: '发表' }).click();
    await expect(page.locator('.comment-list > li')).toHaveCount(i + 1);
  }
  await form.getByRole('textbox').fill('第 4 条');
  await form.getByRole('button', { name: '发表' }).click();
  await expect(form.getByRole('alert')).toHaveText(/^操作太频繁了，请 \d+ 秒后再试。$/);
  await expect(form.getByRole('textbox')).toHaveValue('第 4 条');
});

test('a locked thread shows why and offers no form; your own comment there can be deleted, not edited', async ({ page, sql, member, signIn }) => {
  const t = await newThread(sql, 'locked');
  const m = await member();
  await sql.query(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '锁帖之前我写的')`, [t.articleId, m.id]);
  await sql.query('UPDATE articles SET locked = true WHERE id = $1', [t.articleId]);
  await signIn(m);
  await page.goto(`/articles/${t.slug}`);
  await expect(page.getByText('本帖已锁定，不能再评论。')).toBeVisible();
  await expect(page.getByRole('form', { name: '发表评论' })).toHaveCount(0);
  await expect(page.locator('.like-form')).toHaveCount(0);
  // The server refuses an edit in a locked thread, so the page does not offer one; deleting
  // your own words stays yours (README: decisions).
  const mine = page.locator('li.comment', { hasText: '锁帖之前我写的' });
  await expect(mine.locator('.edit-box')).toHaveCount(0);
  await expect(mine.locator('.delete-box')).toHaveCount(1);
});

test('replies deeper than three levels sit flat under their depth-3 ancestor, marked "回复 @NAME"', async ({ page, sql }) => {
  const t = await newThread(sql, 'deep');
  // A chain of replies five deep below the top-level comment.
  let parent = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [t.articleId])).rows[0].id;
  const root = parent;
  const users = (await sql.query<{ id: number }>('SELECT id FROM users ORDER BY id DESC LIMIT 5')).rows;
  const ids: number[] = [];
  for (let depth = 1; depth <= 5; depth++) {
    const row = await sql.query<{ id: number }>(
      `INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, created_at)
       VALUES ($1, $2, $3, $4, $5::int, $6, now() + $5::int * interval '1 second') RETURNING id`,
      [t.articleId, users[depth - 1].id, parent, root, depth, `第 ${depth} 层`],
    );
    ids.push(row.rows[0].id);
    await sql.query('UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1', [parent]);
    parent = row.rows[0].id;
  }
  await sql.query('UPDATE comments SET thread_reply_count = 5 WHERE id = $1', [root]);
  await page.goto(`/articles/${t.slug}`);
  const third = page.locator(`li[data-comment-id="${ids[2]}"]`);
  // Depths 1–3 nest; 4 and 5 are siblings under depth 3, each marked with whom it answers.
  await expect(page.locator(`li[data-comment-id="${root}"] > .replies > li[data-comment-id="${ids[0]}"] > .replies > li[data-comment-id="${ids[1]}"] > .replies > li[data-comment-id="${ids[2]}"]`)).toHaveCount(1);
  await expect(third.locator('> .replies > li')).toHaveCount(2);
  await expect(third.locator(`> .replies > li[data-comment-id="${ids[3]}"] .reply-to`)).toHaveText(/^回复 @/);
  await expect(third.locator(`> .replies > li[data-comment-id="${ids[4]}"] .reply-to`)).toHaveText(/^回复 @/);
  await expect(third.locator('> .replies .replies')).toHaveCount(0);
});

test('typing @ offers the members taking part in the thread; the keyboard picks one', async ({ page, sql, member, signIn }) => {
  const t = await newThread(sql, 'mention-offer', 2);
  const authors = (await sql.query<{ username: string; display_name: string }>(
    'SELECT DISTINCT u.username, u.display_name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.article_id = $1',
    [t.articleId],
  )).rows;
  await signIn(await member());
  await page.goto(`/articles/${t.slug}`);
  await expect(page.locator('form.comment-form input[name="js"]').first()).toHaveValue('1');
  const compose = page.getByRole('form', { name: '发表评论' });
  const box = compose.getByRole('textbox');
  await box.click();
  await page.keyboard.type('说得对 @');
  const offer = compose.getByRole('listbox', { name: '提到讨论中的人' });
  await expect(offer.getByRole('option')).toHaveCount(authors.length);
  // Narrowed by what follows the @, by username or display name.
  const target = authors[authors.length - 1];
  await page.keyboard.type(target.username);
  await expect(offer.getByRole('option')).toHaveCount(1);
  await expect(offer.getByRole('option')).toContainText(`@${target.username}`);
  await page.keyboard.press('Enter');
  await expect(offer).toHaveCount(0);
  await expect(box).toHaveValue(`说得对 @${target.username} `);
  // Escape closes the offer and leaves the text as typed.
  await page.keyboard.type('@');
  await expect(offer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(offer).toHaveCount(0);
  await expect(box).toHaveValue(`说得对 @${target.username} @`);
});
