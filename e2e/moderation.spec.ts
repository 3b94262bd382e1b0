import fs from 'node:fs';
import { createPrisma } from '../lib/db/client.ts';
import { importArticlePage } from '../lib/import/import-article.ts';
import { parseArticlePage } from '../lib/import/parse-article-page.ts';
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, sessionCookie, signInContext } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';
import type { Browser } from '@playwright/test';

/** A copy of the seeded thread under its own slug, so that this test changes no other. */
async function seedCopy(slug: string) {
  const prisma = createPrisma(process.env.DATABASE_URL!, 2);
  try {
    await importArticlePage(prisma, parseArticlePage(fs.readFileSync('prisma/seed/000_97667f3ccc073977.txt', 'utf8')), { slug });
  } finally {
    await prisma.$disconnect();
  }
}

async function pageAs(browser: Browser, baseURL: string, m: { id: number; displayName?: string } | null) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  if (m) await signInContext(context, baseURL, m);
  return context.newPage();
}

test('a member reports the reply "不懂装懂,狗屁不通"; a moderator removes it; readers see the parent untouched; the log shows it', async ({ browser, baseURL, member, page, signIn }) => {
  const slug = `seed-copy-${Date.now().toString(36)}`;
  await seedCopy(slug);
  const reporter = await member();
  await signIn(reporter);
  await page.goto(`/articles/${slug}`);
  const reply = page.locator('.replies > li').filter({ hasText: '不懂装懂,狗屁不通' });
  // Reporting sits in the quiet "⋯" menu, with no reason chosen beforehand.
  await reply.locator('.more-menu > summary').click();
  await reply.locator('summary', { hasText: '举报' }).click();
  const form = reply.getByRole('form', { name: '举报' });
  await expect(form.getByLabel('原因')).toHaveValue('');
  await form.getByLabel('原因').selectOption('abuse');
  await form.getByLabel('说明（可选）').fill('人身攻击');
  await form.getByRole('button', { name: '提交举报' }).click();
  await expect(reply.getByRole('status')).toHaveText('已举报，谢谢。版主会尽快处理。');

  const moderator = await member({ role: 'moderator' });
  const mod = await pageAs(browser, baseURL!, moderator);
  // This thread's queue: the whole queue is shared with the tests running at the same time.
  await mod.goto(`/mod?tab=reported&article=${slug}`);
  await expect(mod.getByRole('heading', { name: '审核队列' })).toBeVisible();
  // Every tab says how many items it holds.
  for (const tab of ['被举报', '待审核', '已隐藏', '最近删除']) {
    await expect(mod.getByRole('navigation', { name: '审核队列' }).getByRole('link', { name: new RegExp(`^${tab} \\(\\d+\\)$`) })).toBeVisible();
  }
  const item = mod.locator('.queue-item').filter({ hasText: '不懂装懂,狗屁不通' });
  await expect(item).toContainText('1 次举报');
  await expect(item).toContainText('辱骂或骚扰: 人身攻击');
  await expect(item).toContainText('回复： 银白色的乌桕');
  // Staff see who reported, with the reporter's record; imported authors show as such.
  await expect(item).toContainText(`举报人 ${reporter.displayName}（@${reporter.username}，以往举报被采纳 0 次、被驳回 0 次）`);
  await expect(item).toContainText('导入的评论者');
  // Nothing selected: nothing is done, and nothing is said to have been done.
  await mod.locator('.queue-actions').getByRole('button', { name: '删除' }).click();
  await expect(mod.getByRole('status')).toHaveText('请先选择至少一条。');
  await expect(item).toHaveCount(1);
  await item.getByRole('checkbox').check();
  await mod.locator('.queue-actions').getByLabel('原因（可选）').fill('人身攻击');
  // Harmful decisions look different from harmless ones.
  await expect(mod.locator('.queue-actions').getByRole('button', { name: '删除' })).toHaveAttribute('data-harm', 'severe');
  await expect(mod.locator('.queue-actions').getByRole('button', { name: '驳回举报' })).toHaveAttribute('data-harm', 'harmless');
  await mod.locator('.queue-actions').getByRole('button', { name: '删除' }).click();
  await expect(mod.getByRole('status')).toContainText('已处理 1 条。');
  await expect(mod.locator('.queue-item').filter({ hasText: '不懂装懂,狗屁不通' })).toHaveCount(0);

  const reader = await pageAs(browser, baseURL!, null);
  await reader.goto(`/articles/${slug}`);
  await expect(reader.getByRole('heading', { name: '评论 (14)' })).toBeVisible();
  const parent = reader.locator('.comment-list > li').filter({ hasText: '也许都错了' });
  await expect(parent.locator('> article .comment-body')).toHaveText('也许都错了,工业机械人加强没问题,但我们不解决分配,最后剩余机器人的繁荣。');
  await expect(parent.locator('.replies > li')).toHaveCount(0);
  await expect(reader.getByText('不懂装懂')).toHaveCount(0);
  await expect(reader.locator('.replies > li')).toHaveCount(1); // 开心就好's reply is untouched

  await mod.goto(`/mod/log?article=${slug}`);
  const row = mod.getByRole('row').filter({ hasText: 'comment:remove' });
  await expect(row).toContainText('删除了评论');
  await expect(row).toContainText(moderator.username);
  await expect(row).toContainText('人身攻击');
  await mod.goto(`/mod?tab=removed&article=${slug}`);
  const removed = mod.locator('.queue-item').filter({ hasText: '不懂装懂,狗屁不通' });
  await expect(removed).toHaveCount(1);
  // Who removed it, why and when; its reports as handled, not "0 reports".
  await expect(removed).toContainText(`@${moderator.username} 于`);
  await expect(removed).toContainText('删除了评论。 原因：人身攻击');
  await expect(removed).toContainText('1 次举报（已处理）');
  await mod.screenshot({ path: 'docs/screenshots/moderation-queue.png' });
  await mod.context().close();
  await reader.context().close();
});

test('a banned word is refused with its message; a suspect word is held, then approved', async ({ browser, baseURL, member, page, signIn, sql }) => {
  const slug = `words-${Date.now().toString(36)}`;
  await generateThread(sql, { slug, topLevel: 1 });
  const admin = await member({ role: 'admin' });
  const adminPage = await pageAs(browser, baseURL!, admin);
  await adminPage.goto('/mod/words');
  const form = adminPage.getByRole('form', { name: '词语列表' });
  await form.getByLabel('禁用词（含有即拒绝）').fill('违禁词甲');
  await form.getByLabel('可疑词（含有即待审）').fill('可疑词乙');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存。');
  try {
    const m = await member();
    await signIn(m);
    await page.goto(`/articles/${slug}`);
    const compose = page.getByRole('form', { name: '发表评论' });
    await compose.getByRole('textbox').fill('这里有 违.禁.词 甲');
    await compose.getByRole('button', { name: '发表' }).click();
    await expect(compose.getByRole('alert')).toHaveText('评论含有不允许使用的词语「违.禁.词 甲」，请修改后再发。');
    await expect(compose.getByRole('textbox')).toHaveValue('这里有 违.禁.词 甲');

    await compose.getByRole('textbox').fill('提到ＫＥ可疑词乙的话');
    await compose.getByRole('button', { name: '发表' }).click();
    await expect(compose.getByRole('status')).toHaveText('你的评论正在等待审核。');
    const reader = await pageAs(browser, baseURL!, null);
    await reader.goto(`/articles/${slug}`);
    await expect(reader.getByText('提到ＫＥ可疑词乙的话')).toHaveCount(0);
    // Its author sees it, marked.
    await page.reload();
    await expect(page.locator('.comment').filter({ hasText: '提到ＫＥ可疑词乙的话' }).locator('.own-status')).toHaveText('你的评论正在等待审核，其他读者暂时看不到。');

    await adminPage.goto(`/mod?tab=held&article=${slug}`);
    const item = adminPage.locator('.queue-item').filter({ hasText: '提到ＫＥ可疑词乙的话' });
    // Why it waits: the word, named and marked where it stands.
    await expect(item).toContainText('待审原因：含可疑词「可疑词乙」。');
    await expect(item.locator('mark')).toHaveText('可疑词乙');
    await item.getByRole('checkbox').check();
    await adminPage.locator('.queue-actions').getByRole('button', { name: '发布' }).click();
    await expect(adminPage.getByRole('status')).toContainText('已处理 1 条。');
    await reader.reload();
    await expect(reader.getByText('提到ＫＥ可疑词乙的话')).toHaveCount(1);
    await reader.context().close();
  } finally {
    await adminPage.goto('/mod/words');
    await adminPage.getByLabel('禁用词（含有即拒绝）').fill('');
    await adminPage.getByLabel('可疑词（含有即待审）').fill('');
    await adminPage.getByRole('button', { name: '保存' }).click();
    await expect(adminPage.getByRole('form', { name: '词语列表' }).getByRole('status')).toHaveText('已保存。');
    await adminPage.context().close();
  }
});

test('a member suspended from /mod/members cannot post from a page already open', async ({ browser, baseURL, member, page, signIn, sql }) => {
  const slug = `suspend-${Date.now().toString(36)}`;
  await generateThread(sql, { slug, topLevel: 1 });
  const m = await member();
  await signIn(m);
  await page.goto(`/articles/${slug}`);
  const moderator = await member({ role: 'moderator' });
  const mod = await pageAs(browser, baseURL!, moderator);
  // Found in the list by the start of the name; acted on from its row.
  await mod.goto('/mod/members');
  const search = mod.getByRole('search', { name: '查找成员' });
  await search.getByLabel('用户名或昵称开头').fill(m.username.slice(0, -2));
  await search.getByRole('button', { name: '查找' }).click();
  const row = mod.locator(`tr[data-username="${m.username}"]`);
  await expect(row).toContainText('0 条评论 · 0 条被删除 · 被举报 0 次');
  await row.getByText(`处理 ${m.displayName}`).click();
  const form = row.getByRole('form', { name: `管理成员 @${m.username}` });
  // The shortest suspension is the default; a longer one is a choice.
  await expect(form.getByLabel('暂停多久')).toHaveValue('1d');
  await form.getByLabel('原因（可选）').fill('刷屏');
  await form.getByRole('button', { name: '暂停' }).click();
  await expect(form.getByRole('status')).toHaveText('已执行。');
  await mod.context().close();

  const compose = page.getByRole('form', { name: '发表评论' });
  await compose.getByRole('textbox').fill('暂停后还想发');
  await compose.getByRole('button', { name: '发表' }).click();
  await expect(compose.getByRole('alert')).toHaveText('你的账号已被暂停使用，暂时不能发言、点赞或举报。');
  // From the next page on, a banner says until when and why, on every page.
  for (const p of [`/articles/${slug}`, '/']) {
    await page.goto(p);
    await expect(page.getByRole('status').filter({ hasText: '你的账号已被暂停使用，直到' })).toContainText('原因：刷屏');
  }
});

test('a thread locked from /mod/threads refuses a reply from a page already open', async ({ browser, baseURL, member, page, signIn, sql }) => {
  const slug = `lock-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 1 });
  const c = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1', [t.articleId])).rows[0];
  await signIn(await member());
  // A page that hears nothing live (a stream that ended, a network that dropped it): the lock
  // must still be refused by the server. (A page that hears the lock hides its forms.)
  await page.route(/\/api\/v1\/articles\/[^/]+\/events$/, (r) => r.fulfill({ status: 204 }));
  await page.goto(`/articles/${slug}`);
  const mod = await pageAs(browser, baseURL!, await member({ role: 'moderator' }));
  await mod.goto(`/mod/threads?slug=${slug}`);
  const form = mod.getByRole('form', { name: '管理话题' });
  await form.getByLabel('原因（可选）').fill('争吵过多');
  await form.getByRole('button', { name: '锁定', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('已执行。');
  await mod.context().close();

  const item = page.locator(`li[data-comment-id="${c.id}"]`);
  await item.locator('summary', { hasText: '回复' }).click();
  await item.getByRole('form').getByRole('textbox').fill('锁了还回');
  await item.getByRole('form').getByRole('button', { name: '回复' }).click();
  await expect(item.getByRole('form').getByRole('alert')).toHaveText('本帖已锁定，不能再评论、回复或点赞。');
  await page.reload();
  await expect(page.getByText('本帖已锁定，不能再评论。 原因：争吵过多')).toBeVisible();
});

test('a member can never open /mod', async ({ browser, baseURL, member, consoleErrors }) => {
  for (const who of [null, await member(), await member({ status: 'suspended', suspendedUntil: new Date(Date.now() + 3600_000) })]) {
    const p = await pageAs(browser, baseURL!, who);
    for (const path of ['/mod', '/mod?tab=held', '/mod/log', '/mod/words', '/mod/members', '/mod/threads']) {
      const res = await p.goto(path);
      expect(res?.status(), `${path} as ${who ? 'member' : 'anonymous'}`).toBe(404);
      await expect(p.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
    }
    await p.context().close();
  }
  expect(consoleErrors).toEqual([]);
});

test('moderators do not see the word lists; a queue form submitted after losing the role is refused', async ({ browser, baseURL, member, sql }) => {
  const m = await member({ role: 'moderator' });
  const p = await pageAs(browser, baseURL!, m);
  expect((await p.goto('/mod/words'))?.status()).toBe(404);
  const slug = `demote-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const author = await member();
  const c = (await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body, status) VALUES ($1, $2, '待审的评论', 'held') RETURNING id`, [t.articleId, author.id])).rows[0];
  await p.goto(`/mod?tab=held&article=${slug}`);
  const item = p.locator(`.queue-item[data-comment-id="${c.id}"]`);
  await item.getByRole('checkbox').check();
  await sql.query(`UPDATE users SET role = 'member' WHERE id = $1`, [m.id]);
  await p.locator('.queue-actions').getByRole('button', { name: '发布' }).click();
  // No longer staff: the queue is gone, and the comment is still held.
  await expect(p.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  expect((await sql.query('SELECT status FROM comments WHERE id = $1', [c.id])).rows[0].status).toBe('held');
  await p.context().close();
});

test('moderators and admins carry a staff badge on their comments; members do not', async ({ page, member, sql }) => {
  const slug = `badge-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const people = [await member({ role: 'moderator' }), await member({ role: 'admin' }), await member()];
  for (const m of people) {
    await sql.query(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, $3)`, [t.articleId, m.id, `来自 ${m.username}`]);
  }
  await page.goto(`/articles/${slug}?sort=old`);
  const badges = page.locator('.comment-list > li > article .badge');
  await expect(page.locator('.comment-list > li')).toHaveCount(3);
  await expect(badges).toHaveCount(2);
  await expect(badges.first()).toHaveText('管理团队');
  await expect(page.locator('.comment-list > li').nth(2).locator('.badge')).toHaveCount(0);
});

test('staff open any comment in context, in any state, marked with the state and the reason', async ({ request, member, sql, baseURL }) => {
  const slug = `context-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const author = await member();
  const ids: Record<string, number> = {};
  for (const [status, reason] of [['held', null], ['hidden', '广告'], ['removed', '人身攻击']] as const) {
    ids[status] = (
      await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body, status, status_reason) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        t.articleId, author.id, `状态是 ${status} 的评论`, status, reason,
      ])
    ).rows[0].id;
  }
  const moderator = await member({ role: 'moderator' });
  const asMod = { cookie: `${SESSION_COOKIE}=${await sessionCookie(moderator)}` };
  const marks = { held: '【待审核】', hidden: '【已隐藏】', removed: '【已删除】' } as const;
  for (const status of ['held', 'hidden', 'removed'] as const) {
    const res = await request.get(`${baseURL}/articles/${slug}/comments/${ids[status]}`, { headers: asMod });
    expect(res.status(), status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`状态是 ${status} 的评论`);
    expect(html).toContain(marks[status]);
    // Readers (anonymous) get "not found" for each of them.
    expect((await request.get(`${baseURL}/articles/${slug}/comments/${ids[status]}`, { headers: { cookie: '' } })).status()).toBe(404);
  }
  expect(await (await request.get(`${baseURL}/articles/${slug}/comments/${ids.removed}`, { headers: asMod })).text()).toContain('原因：人身攻击');
});

test('staff act on an unreported comment from the thread, with the queue\'s rules and log', async ({ browser, baseURL, member, sql }) => {
  const slug = `act-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const author = await member();
  const c = (await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '没人举报的辱骂') RETURNING id`, [t.articleId, author.id])).rows[0];
  await sql.query('UPDATE articles SET comment_count = 1 WHERE id = $1', [t.articleId]);
  const moderator = await member({ role: 'moderator' });
  const mod = await pageAs(browser, baseURL!, moderator);
  await mod.goto(`/articles/${slug}`);
  const item = mod.locator(`#c${c.id}`);
  await item.getByText('⋯ 管理').click();
  const form = item.getByRole('form', { name: `管理评论 #${c.id}` });
  await form.getByLabel('原因（可选）').fill('辱骂');
  await form.getByRole('button', { name: '删除' }).click();
  await expect(mod).toHaveURL(new RegExp(`/articles/${slug}`));
  await expect(mod.locator(`#c${c.id}`)).toHaveCount(0);
  const reader = await pageAs(browser, baseURL!, null);
  await reader.goto(`/articles/${slug}`);
  await expect(reader.getByText('没人举报的辱骂')).toHaveCount(0);
  await mod.goto(`/mod/log?article=${slug}`);
  await expect(mod.getByRole('row').filter({ hasText: 'comment:remove' })).toContainText('辱骂');
  await mod.context().close();
  await reader.context().close();
});

test('the queue: a button on each item, and select all', async ({ browser, baseURL, member, sql }) => {
  const slug = `queue-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const author = await member();
  const ids: number[] = [];
  for (const body of ['待审一', '待审二', '待审三']) {
    ids.push((await sql.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body, status) VALUES ($1, $2, $3, 'held') RETURNING id`, [t.articleId, author.id, body])).rows[0].id);
  }
  const admin = await member({ role: 'admin' });
  const p = await pageAs(browser, baseURL!, admin);
  await p.goto(`/mod?tab=held&article=${slug}`);
  // One item's own button decides on that item alone.
  await p.locator(`.queue-item[data-comment-id="${ids[0]}"]`).getByRole('button', { name: '发布' }).click();
  await expect(p.getByRole('status')).toHaveText('已处理 1 条。');
  expect((await sql.query('SELECT status FROM comments WHERE id = $1', [ids[0]])).rows[0].status).toBe('visible');
  // Select all ticks every item, and unticks them again. (The queue is shared with tests
  // running at the same time, so the decision below is made on this test's items only.)
  const boxes = p.locator('.queue-item').getByRole('checkbox');
  await p.getByLabel('全选').check();
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await p.getByLabel('全选').uncheck();
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();
  for (const id of ids.slice(1)) await p.locator(`.queue-item[data-comment-id="${id}"]`).getByRole('checkbox').check();
  await p.locator('.queue-actions').getByRole('button', { name: '删除' }).click();
  await expect(p.getByRole('status')).toHaveText('已处理 2 条。');
  const { rows } = await sql.query<{ status: string }>('SELECT status FROM comments WHERE id = ANY($1) ORDER BY id', [ids.slice(1)]);
  expect(rows.map((r) => r.status)).toEqual(['removed', 'removed']);
  await p.context().close();
});

test('suspension offers presets in China time; a ban asks for confirmation and says what it does', async ({ browser, baseURL, member, sql }) => {
  const target = await member();
  const moderator = await member({ role: 'moderator' });
  const mod = await pageAs(browser, baseURL!, moderator);
  await mod.goto(`/mod/members?username=${encodeURIComponent(target.username)}`);
  const form = mod.getByRole('form', { name: '管理成员' });
  await expect(form.getByLabel('用户名')).toHaveValue(target.username);
  await expect(form.getByLabel('暂停到（中国时间，选“自定义”时填写）')).toBeVisible();
  await form.getByLabel('暂停多久').selectOption('1d');
  await form.getByRole('button', { name: '暂停' }).click();
  await expect(form.getByRole('status')).toHaveText('已执行。');
  const { rows } = await sql.query<{ hours: number }>(`SELECT extract(epoch FROM suspended_until - now()) / 3600 AS hours FROM users WHERE id = $1`, [target.id]);
  expect(Number(rows[0].hours)).toBeGreaterThan(23);
  expect(Number(rows[0].hours)).toBeLessThan(25);
  // A ban without the confirmation is refused, and says why; with it, it is done.
  await form.getByRole('button', { name: '封禁' }).click();
  await expect(form.getByRole('alert')).toHaveText('封禁前请勾选确认。');
  expect((await sql.query('SELECT status FROM users WHERE id = $1', [target.id])).rows[0].status).toBe('suspended');
  await expect(form.getByText('对方将不能登录')).toBeVisible();
  await form.getByLabel(/^确认封禁/).check();
  await form.getByLabel('原因（可选）').fill('广告');
  await form.getByRole('button', { name: '封禁' }).click();
  await expect(form.getByRole('status')).toHaveText('已执行。');
  // After success the form starts afresh for the next case: no reason, no confirmation left ticked.
  await expect(form.getByLabel('原因（可选）')).toHaveValue('');
  await expect(form.getByLabel(/^确认封禁/)).not.toBeChecked();
  expect((await sql.query('SELECT status FROM users WHERE id = $1', [target.id])).rows[0].status).toBe('banned');
  await mod.context().close();
});
