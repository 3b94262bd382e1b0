// A moderator's morning, walked in both languages, on a desktop and on a phone: reports from
// three members (one in bad faith), dismiss, remove with a reason, a refusal on a comment that
// changed since the page loaded, hide from the thread and restore from the hidden tab, a ban
// with removal, a suspension with a preset and its banner, the banned member's sign-in, a held
// comment with its matched word, and a moderator refused on a report about their own comment.
import fs from 'node:fs';
import { createTranslator } from 'next-intl';
import { generateThread } from '../tests/support/generate-thread.ts';
import { expect, MEMBER_PASSWORD, sessionCookie, signInContext, test, type TestMember } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

const LANGS = {
  zh: { locale: 'zh-CN', messages: JSON.parse(fs.readFileSync('messages/zh-CN.json', 'utf8')) },
  en: { locale: 'en-US', messages: JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) },
} as const;
const DEVICES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

for (const lang of ['zh', 'en'] as const) {
  for (const device of ['desktop', 'phone'] as const) {
    test(`a moderator's morning (${lang}, ${device})`, async ({ browser, baseURL, member, sql, request }) => {
      test.setTimeout(120_000);
      const { locale, messages } = LANGS[lang];
      const t = createTranslator({ locale: lang === 'zh' ? 'zh-CN' : 'en', messages });
      const open = async (who: TestMember | null) => {
        const context = await browser.newContext({ locale, ...DEVICES[device] });
        if (who) await signInContext(context, baseURL!, who);
        return context.newPage();
      };
      // Others act through the API, as other clients would.
      const api = async (who: TestMember, path: string, body: object) => {
        const res = await request.post(path, { data: body, headers: { origin: baseURL!, cookie: `${SESSION_COOKIE}=${await sessionCookie(who)}` } });
        return { status: res.status(), body: await res.json() };
      };
      {
        const slug = `morning-${lang}-${device}-${Date.now().toString(36)}`;
        await generateThread(sql, { slug, topLevel: 0 });
        const [writer, spammer, loud, r1, r2, badFaith] = await Promise.all([member(), member(), member(), member(), member(), member()]);
        const moderator = await member({ role: 'moderator' });
        const admin = await member({ role: 'admin' });
        const post = async (who: TestMember, body: string) => {
          const res = await api(who, `/api/v1/articles/${slug}/comments`, { body });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          return { id: res.body.comment.id as number };
        };
        const report = async (who: TestMember, id: number, body: object) => expect((await api(who, `/api/v1/comments/${id}/reports`, body)).status).toBe(201);
        const decide = (who: TestMember, id: number, action: string, reason?: string) => api(who, `/api/v1/mod/comments/${id}`, { action, reason });
        const insult = await post(writer, '你这种人就是不懂装懂');
        const harmless = await post(loud, '我觉得文章的数据有点旧');
        const spam = await post(spammer, '低价代购，详情看主页');
        const changed = await post(writer, '这条会在页面打开后被别人处理');
        const unreported = await post(loud, '没人举报但很过分的话');
        const own = await post(moderator, '版主自己的一条评论');
        // Three members report; one of them, in bad faith, reports a harmless opinion.
        await report(r1, insult.id, { reason: 'abuse', note: '人身攻击' });
        await report(r2, insult.id, { reason: 'abuse' });
        await report(badFaith, harmless.id, { reason: 'spam', note: '不同意' });
        await report(r1, spam.id, { reason: 'spam' });
        await report(r2, changed.id, { reason: 'off-topic' });
        await report(r2, own.id, { reason: 'abuse' });
        // A comment held for a suspect word, written with an evasion.
        const held = (
          await sql.query<{ id: number }>(
            `INSERT INTO comments (article_id, author_id, body, status, status_reason) SELECT id, $2, '有事加我 微 信 聊', 'held', 'word:微信' FROM articles WHERE slug = $1 RETURNING id`,
            [slug, writer.id],
          )
        ).rows[0].id;

        const mod = await open(moderator);
        const item = (id: number) => mod.locator(`.queue-item[data-comment-id="${id}"]`);
        const status = mod.getByRole('status').filter({ hasText: /./ }).first();
        // This thread's queue (the queue is shared with tests running at the same time).
        const queue = `/mod?tab=reported&article=${slug}`;
        await mod.goto(queue);
        await expect(mod.getByRole('heading', { name: t('mod.title') })).toBeVisible();
        // Staff see who reported: the bad-faith reporter is named.
        await expect(item(harmless.id)).toContainText(`@${badFaith.username}`);
        await expect(item(insult.id)).toContainText(t('mod.reports', { count: 2 }));

        // Each item leads with the comment and what was said of it; its decision comes after,
        // with a reason of its own, the safe action apart from those that take words away.
        const parts = await item(insult.id).evaluate((el) => {
          const top = (sel: string) => el.querySelector(sel)!.getBoundingClientRect().top;
          return { body: top('.comment-body'), reports: top('.reports'), actions: top('.item-actions') };
        });
        expect(parts.body).toBeLessThan(parts.actions);
        expect(parts.reports).toBeLessThan(parts.actions);
        await expect(item(insult.id).locator('.decisions.harmless').getByRole('button')).toHaveText([t('mod.actions.dismiss')]);
        await expect(item(insult.id).locator('.decisions.harmful').getByRole('button')).toHaveText([t('mod.actions.hide'), t('mod.actions.remove')]);
        if (device === 'phone' && lang === 'zh') await mod.screenshot({ path: 'docs/screenshots/mod-queue-phone.png', fullPage: true });

        // Dismiss the bad-faith report: the comment stays as it is.
        await item(harmless.id).getByRole('button', { name: t('mod.actions.dismiss') }).click();
        await expect(status).toContainText(t('mod.done', { count: 1 }));
        await expect(item(harmless.id)).toHaveCount(0);
        expect((await sql.query('SELECT status FROM comments WHERE id = $1', [harmless.id])).rows[0].status).toBe('visible');

        // Remove with a reason: the reporters are told their report led to action.
        await item(insult.id).getByLabel(t('mod.reasonLabel')).fill('人身攻击');
        await item(insult.id).getByRole('button', { name: t('mod.actions.remove') }).click();
        await expect(item(insult.id)).toHaveCount(0);
        await expect(status).toContainText(t('mod.done', { count: 1 }));
        expect((await sql.query('SELECT status, status_reason FROM comments WHERE id = $1', [insult.id])).rows[0]).toEqual({ status: 'removed', status_reason: '人身攻击' });
        const told = await sql.query<{ user_id: number }>(`SELECT user_id FROM notifications WHERE type = 'report_upheld' AND comment_id = $1 ORDER BY user_id`, [insult.id]);
        expect(told.rows.map((r) => r.user_id)).toEqual([r1.id, r2.id].sort((a, b) => a - b));

        // A comment that another moderator handled after this page loaded: refused, with its state.
        expect((await decide(admin, changed.id, 'hide', '先隐藏')).status).toBe(200);
        await item(changed.id).getByRole('button', { name: t('mod.actions.remove') }).click();
        await expect(mod.getByRole('status').first()).toContainText(t('errors.codes.state_changed', { status: 'hidden' }));
        expect((await sql.query('SELECT status FROM comments WHERE id = $1', [changed.id])).rows[0].status).toBe('hidden');

        // No self-judgement: the report about the moderator's own comment is refused.
        await item(own.id).getByRole('button', { name: t('mod.actions.dismiss') }).click();
        await expect(mod.getByRole('status').first()).toContainText(t('errors.codes.own_comment'));
        await expect(item(own.id)).toHaveCount(1);

        // Act on an unreported comment from the thread: hide it with a reason.
        await mod.goto(`/articles/${slug}`);
        const card = mod.locator(`#c${unreported.id}`);
        await card.locator('summary', { hasText: t('mod.manage') }).first().click();
        const menu = card.getByRole('form', { name: t('mod.manageLabel', { id: unreported.id }) });
        await menu.getByLabel(t('mod.reasonLabel')).fill('太过分');
        await menu.getByRole('button', { name: t('mod.actions.hide') }).click();
        await mod.waitForURL(new RegExp(`#c${unreported.id}$`));
        expect((await sql.query('SELECT status FROM comments WHERE id = $1', [unreported.id])).rows[0].status).toBe('hidden');
        // ... and restore it from the hidden tab, where it says who hid it and why.
        await mod.goto(`/mod?tab=hidden&article=${slug}`);
        await expect(item(unreported.id)).toContainText(`@${moderator.username}`);
        await expect(item(unreported.id)).toContainText('太过分');
        await item(unreported.id).getByRole('button', { name: t('mod.actions.restore') }).click();
        await expect(item(unreported.id)).toHaveCount(0);
        await expect(status).toContainText(t('mod.done', { count: 1 }));
        expect((await sql.query('SELECT status FROM comments WHERE id = $1', [unreported.id])).rows[0].status).toBe('visible');

        // The held comment says why: the word, marked where it stands in the text.
        await mod.goto(`/mod?tab=held&article=${slug}`);
        await expect(item(held)).toContainText(t('mod.heldForWord', { word: '微信' }));
        await expect(item(held).locator('mark')).toHaveText('微 信');

        // Ban the spammer with removal, from the members list.
        await mod.goto(`/mod/members?q=${encodeURIComponent(spammer.username)}`);
        const row = mod.locator(`tr[data-username="${spammer.username}"]`);
        await row.getByText(t('mod.actOn', { name: spammer.displayName })).click();
        const banForm = row.getByRole('form', { name: t('mod.manageMember', { username: spammer.username }) });
        await banForm.getByLabel(t('mod.removeComments'), { exact: true }).check();
        await banForm.getByLabel(t('mod.confirmBan')).check();
        await banForm.getByLabel(t('mod.reasonLabel')).fill('广告');
        await banForm.getByRole('button', { name: t('mod.ban') }).click();
        await expect(banForm.getByRole('status')).toHaveText(t('mod.memberDone'));
        // Its removed spam leaves the reported tab; under "by member" it can only be restored,
        // and no "dismiss" can publish it.
        await mod.goto(queue);
        await expect(item(spam.id)).toHaveCount(0);
        await mod.goto(`/mod?tab=member&username=${encodeURIComponent(spammer.username)}`);
        await expect(item(spam.id)).toContainText(t('mod.states.removed'));
        await expect(item(spam.id).getByRole('button')).toHaveText([t('mod.actions.restore')]);
        expect(await decide(admin, spam.id, 'dismiss')).toMatchObject({ status: 200, body: { comment: { id: spam.id, status: 'removed' } } });
        expect(await decide(admin, spam.id, 'dismiss')).toMatchObject({ status: 409, body: { error: { code: 'already_handled', params: { status: 'removed' } } } });
        expect((await sql.query('SELECT status FROM comments WHERE id = $1', [spam.id])).rows[0].status).toBe('removed');

        // Suspend with a preset; the member sees the banner on every page.
        await mod.goto(`/mod/members?q=${encodeURIComponent(loud.username)}`);
        const loudRow = mod.locator(`tr[data-username="${loud.username}"]`);
        await loudRow.getByText(t('mod.actOn', { name: loud.displayName })).click();
        const suspendForm = loudRow.getByRole('form', { name: t('mod.manageMember', { username: loud.username }) });
        await suspendForm.getByLabel(t('mod.duration')).selectOption('3d');
        await suspendForm.getByLabel(t('mod.reasonLabel')).fill('刷屏');
        await suspendForm.getByRole('button', { name: t('mod.suspend'), exact: true }).click();
        await expect(suspendForm.getByRole('status')).toHaveText(t('mod.memberDone'));
        // The row shows the new status at once.
        await expect(loudRow).toContainText(lang === 'zh' ? '停用至' : 'suspended until');
        if (device === 'phone' && lang === 'zh') await mod.screenshot({ path: 'docs/screenshots/mod-members-phone.png', fullPage: true });
        const suspended = await open(loud);
        await suspended.goto(`/articles/${slug}`);
        const banner = suspended.locator('.standing');
        await expect(banner).toContainText('刷屏');
        await expect(banner).toContainText(lang === 'zh' ? '中国时间' : 'China time');
        await suspended.context().close();

        // The banned member, with the right password, is told the account is banned.
        const signIn = await open(null);
        await signIn.goto('/signin');
        const form = signIn.getByRole('form', { name: t('auth.signIn') });
        await form.getByLabel(t('auth.username')).fill(spammer.username);
        await form.getByLabel(t('auth.password')).fill(MEMBER_PASSWORD);
        await form.getByRole('button', { name: t('auth.signIn') }).click();
        await expect(form.getByRole('alert')).toHaveText(t('errors.codes.banned_sign_in'));
        await signIn.context().close();

        // A reporter whose report led to action sees it among their notifications.
        const reporter = await open(r1);
        await reporter.goto('/notifications');
        await expect(reporter.getByRole('heading', { name: t('notifications.title') })).toBeVisible();
        await expect(reporter.locator('[data-notification-type="report_upheld"]')).toContainText(t('notifications.reportUpheld'));
        await reporter.context().close();

        // The log shows every decision, and the refused attempt at self-judgement.
        await mod.goto(`/mod/log?article=${slug}`);
        for (const action of ['comment:dismiss', 'comment:remove', 'comment:hide', 'comment:restore', 'comment:refused']) {
          await expect(mod.getByRole('row').filter({ hasText: action }).first()).toBeVisible();
        }
        // Targets are links, and a decision shows the words it was about.
        const removal = mod.getByRole('row').filter({ hasText: 'comment:remove' }).filter({ hasText: '人身攻击' }).first();
        await expect(removal.getByRole('link', { name: t('mod.logTargetComment', { id: insult.id }) })).toHaveAttribute('href', `/articles/${slug}/comments/${insult.id}#c${insult.id}`);
        await expect(removal.locator('.log-quote')).toHaveText('你这种人就是不懂装懂');
        await expect(removal.getByRole('link', { name: `@${writer.username}` })).toBeVisible();
        if (device === 'phone') {
          // Nothing on the phone is wider than the screen.
          for (const path of [`/mod/log?article=${slug}`, '/mod', '/mod/members', '/mod/threads', `/mod?tab=member&username=${encodeURIComponent(spammer.username)}`]) {
            await mod.goto(path);
            const overflow = await mod.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, path).toBeLessThanOrEqual(0);
            // …nor any element in it.
            const wider = await mod.evaluate(() =>
              [...document.querySelectorAll('main *')]
                .filter((e) => e.getBoundingClientRect().right > 390.5)
                .map((e) => `${e.tagName.toLowerCase()}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}`),
            );
            expect(wider, path).toEqual([]);
            if (lang === 'zh' && path.startsWith('/mod/log')) await mod.screenshot({ path: 'docs/screenshots/mod-log-phone.png', fullPage: true });
          }
        }
        await mod.context().close();
      }
    });
  }
}
