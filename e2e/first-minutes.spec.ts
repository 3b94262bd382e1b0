// A new member's first minutes, and a moderator's morning on a thread, walked in a real
// browser in the order people do them, with another member posting meanwhile: on a desktop
// and on a phone, in both languages, JavaScript on. These are the walks that broke in
// Chromium while every narrower test passed (issue 20): a post from the address the thread's
// sign-up link returns to hung on "发送中……", and deleting a comment that had a reply (or a
// moderator hiding one) ended on the error page, because /live.js and React changed the
// same DOM (docs/decisions/007-one-owner.md).
import type { Page } from '@playwright/test';
import { test, expect, sessionCookie, type TestMember } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';
import fs from 'node:fs';

type Messages = typeof import('../messages/zh-CN.json');
const zh = JSON.parse(fs.readFileSync('messages/zh-CN.json', 'utf8')) as Messages;
const en = JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Messages;

const VIEWS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, hasTouch: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, hasTouch: true },
] as const;
const LANGUAGES = [
  { locale: 'zh-CN', m: zh },
  { locale: 'en-US', m: en },
] as const;


async function newArticle(sql: import('pg').Pool, title: string) {
  const slug = `walk-${Date.now().toString(36)}${Math.floor(Math.random() * 1e5)}`;
  // A long article, as real ones are: the comments start screens below the top.
  const paragraphs = Array.from({ length: 30 }, (_, i) => `第 ${i + 1} 段。${'这是一段很长的正文，用来把评论区推到好几屏以下。'.repeat(4)}`);
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, $2, $3, '测试', now(), now())`, [slug, title, paragraphs]);
  return slug;
}

/** Another member, writing through the JSON API from elsewhere. */
function apiAs(baseURL: string, slug: string, m: TestMember) {
  const headers = async () => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: baseURL, 'content-type': 'application/json' });
  return {
    post: async (body: string, parentId?: number): Promise<{ id: number }> => {
      let res = await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await headers(), body: JSON.stringify({ body, parentId }) });
      // Told to wait (the suite allows 3 comments in 10 s), they wait as long as the answer says, once.
      if (res.status === 429) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after')) * 1000 + 100));
        res = await fetch(`${baseURL}/api/v1/articles/${slug}/comments`, { method: 'POST', headers: await headers(), body: JSON.stringify({ body, parentId }) });
      }
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()).comment;
    },
  };
}

/** A card on the page, by its text. */
const card = (page: Page, text: string) => page.locator('li.comment', { has: page.locator(':scope > article .comment-body', { hasText: text }) });

/** The page has hydrated: its forms post through React from now on. */
async function hydrated(page: Page) {
  await expect(page.locator('form.comment-form input[name="js"]').first()).toHaveValue('1');
}

/** Nothing ends on the error page, and the member is still on the thread. */
async function stillWell(page: Page, m: Messages, slug: string) {
  await expect(page.getByRole('heading', { name: m.errors.failedTitle })).toHaveCount(0);
  expect(new URL(page.url()).pathname).toBe(`/articles/${slug}`);
}

for (const view of VIEWS) {
  for (const { locale, m } of LANGUAGES) {
    test.describe(`${view.name}, ${locale}`, () => {
      test.use({ viewport: view.viewport, hasTouch: view.hasTouch, isMobile: view.hasTouch, locale });

      test('a new member signs up from the thread, posts at once and again, replies, likes, edits and deletes, while another member posts', async ({ page, baseURL, sql, member }) => {
        test.setTimeout(120_000);
        const slug = await newArticle(sql, `新成员的第一分钟 ${view.name} ${locale}`);
        const other = await member({ prefix: 'other' });
        const them = apiAs(baseURL!, slug, other);
        const theirFirst = await them.post('另一位成员先来的评论');

        // A reader on the thread follows its own "sign in to comment", then "sign up".
        await page.goto(`/articles/${slug}`);
        await page.getByRole('link', { name: m.compose.signInToComment }).click();
        await expect(page.getByRole('heading', { name: m.auth.signInTitle })).toBeVisible();
        await page.getByRole('link', { name: m.auth.signUp }).last().click();
        await expect(page.getByRole('heading', { name: m.auth.signUpTitle })).toBeVisible();
        const username = `walk${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
        const signUp = page.getByRole('form', { name: m.auth.signUp });
        await signUp.getByLabel(m.auth.username).fill(username);
        await signUp.getByLabel(m.auth.password).fill('my own long passphrase');
        await signUp.getByRole('button', { name: m.auth.signUp }).click();

        // Back on the thread, at its comments (the address the link returns to has #comments-heading).
        await page.waitForURL((u) => u.pathname === `/articles/${slug}`);
        expect(new URL(page.url()).hash).toBe('#comments-heading');
        await hydrated(page);

        // Post at once: it lands, the box empties, the button comes back, nobody announces it to its author.
        const compose = page.getByRole('form', { name: m.compose.commentLabel });
        await compose.getByRole('textbox').fill('我的第一条评论');
        await compose.getByRole('button', { name: m.compose.submit }).click();
        await expect(card(page, '我的第一条评论')).toBeVisible({ timeout: 10_000 });
        await hydrated(page);
        const compose2 = page.getByRole('form', { name: m.compose.commentLabel });
        await expect(compose2.getByRole('textbox')).toHaveValue('');
        await expect(compose2.getByRole('button', { name: m.compose.submit })).toBeEnabled();

        // And again, at once.
        await compose2.getByRole('textbox').fill('我的第二条评论');
        await compose2.getByRole('button', { name: m.compose.submit }).click();
        await expect(card(page, '我的第二条评论')).toBeVisible({ timeout: 10_000 });
        await expect(compose2.getByRole('textbox')).toHaveValue('');

        // Meanwhile another member posts: one new comment is announced (never the member's own two).
        await them.post('另一位成员刚发的评论');
        const news = page.getByRole('button', { name: m.article.live.newOne });
        await expect(news).toBeVisible({ timeout: 10_000 });
        await news.click();
        await expect(card(page, '另一位成员刚发的评论')).toBeVisible();
        await expect(news).toHaveCount(0);

        // Reply to the other member's first comment.
        const theirs = page.locator(`#c${theirFirst.id}`);
        await theirs.locator(':scope > article').getByText(m.compose.reply, { exact: true }).click();
        const replyForm = theirs.getByRole('form', { name: m.compose.replyLabel.replace('{name}', `测试${other.username}`) });
        await replyForm.getByRole('textbox').fill('我对你的回复');
        await replyForm.getByRole('button', { name: m.compose.submitReply }).click();
        await expect(theirs.locator('.replies .comment-body', { hasText: '我对你的回复' })).toBeVisible({ timeout: 10_000 });

        // Like it.
        const like = theirs.locator(':scope > article button.like');
        await expect(like).toHaveAttribute('aria-pressed', 'false');
        await like.click();
        await expect(like).toHaveAttribute('aria-pressed', 'true');
        await expect(like.locator('.like-count')).toHaveText('1');

        // Edit the first comment.
        const first = card(page, '我的第一条评论');
        await first.locator(':scope > article').getByText(m.compose.edit, { exact: true }).click();
        const edit = first.getByRole('form', { name: m.compose.editLabel });
        await edit.getByRole('textbox').fill('我的第一条评论（改过）');
        await edit.getByRole('button', { name: m.compose.saveEdit }).click();
        await expect(card(page, '我的第一条评论（改过）')).toBeVisible({ timeout: 10_000 });

        // The other member replies to the second comment; it appears under it, live.
        const second = card(page, '我的第二条评论');
        const secondId = Number(await second.getAttribute('data-comment-id'));
        await them.post('回复你的第二条', secondId);
        await expect(page.locator(`#c${secondId} .replies .comment-body`, { hasText: '回复你的第二条' })).toBeVisible({ timeout: 10_000 });

        // Delete the second comment, which has a reply: a tombstone stays, with the reply under it.
        const secondCard = page.locator(`#c${secondId}`);
        await secondCard.locator(':scope > article').getByText(m.compose.delete, { exact: true }).click();
        await secondCard.getByRole('button', { name: m.compose.deleteConfirmButton }).click();
        await expect(secondCard.locator(':scope > article .tombstone')).toHaveText(m.article.deleted, { timeout: 10_000 });
        await expect(secondCard.locator('.replies .comment-body', { hasText: '回复你的第二条' })).toBeVisible();
        await stillWell(page, m, slug);

        // Delete the first comment, which has none: it goes.
        const firstCard = card(page, '我的第一条评论（改过）');
        await firstCard.locator(':scope > article').getByText(m.compose.delete, { exact: true }).click();
        await firstCard.getByRole('button', { name: m.compose.deleteConfirmButton }).click();
        await expect(card(page, '我的第一条评论（改过）')).toHaveCount(0, { timeout: 10_000 });
        await stillWell(page, m, slug);

        // The other member posts once more; the page is still live and still React's.
        await them.post('最后又来一条');
        await expect(page.getByRole('button', { name: m.article.live.newOne })).toBeVisible({ timeout: 10_000 });

        // What the page showed is what was stored.
        await page.reload();
        await expect(card(page, '我对你的回复')).toBeVisible();
        await expect(page.locator(`#c${secondId} > article .tombstone`)).toHaveText(m.article.deleted);
        await expect(card(page, '我的第一条评论（改过）')).toHaveCount(0);
      });

      test('a moderator hides and removes comments from the thread, while members post', async ({ page, baseURL, sql, member, signIn }) => {
        test.setTimeout(90_000);
        const slug = await newArticle(sql, `版主的早晨 ${view.name} ${locale}`);
        const [a, b] = [await member({ prefix: 'ma' }), await member({ prefix: 'mb' })];
        const mod = await member({ role: 'moderator', prefix: 'mod' });
        const asA = apiAs(baseURL!, slug, a);
        const asB = apiAs(baseURL!, slug, b);
        const rude = await asA.post('一条要隐藏的评论');
        await asB.post('对它的回复', rude.id);
        const spam = await asA.post('一条要删除的评论');
        await asB.post('对它的另一条回复', spam.id);
        const lone = await asB.post('没有回复的评论');
        await signIn(mod);
        await page.goto(`/articles/${slug}`);
        await hydrated(page);

        const decide = async (id: number, action: 'hide' | 'remove') => {
          const item = page.locator(`#c${id}`);
          await item.locator(':scope > article').getByText(m.mod.manage, { exact: true }).click();
          // The menu opens as a panel of its own line, all of it on the screen (the link to
          // the author's suspension included).
          const panel = item.locator(':scope > article .staff-menu form');
          const box = (await panel.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(view.viewport.width);
          const link = (await panel.getByRole('link').boundingBox())!;
          expect(link.x + link.width).toBeLessThanOrEqual(view.viewport.width);
          await item.locator(':scope > article').getByRole('button', { name: m.mod.actions[action], exact: true }).click();
        };
        // A hidden comment leaves the thread, its replies with it (the queue's "已隐藏" tab keeps them).
        await decide(rude.id, 'hide');
        await expect(page.locator(`#c${rude.id}`)).toHaveCount(0, { timeout: 10_000 });
        await stillWell(page, m, slug);

        // A member posts meanwhile.
        await asA.post('版主忙的时候来的评论');
        await expect(page.getByRole('button', { name: m.article.live.newOne })).toBeVisible({ timeout: 10_000 });

        await decide(spam.id, 'remove');
        await expect(page.locator(`#c${spam.id} > article .own-status`)).toHaveText(m.article.staffState.removed, { timeout: 10_000 });
        await stillWell(page, m, slug);
        await expect(page.locator(`#c${spam.id} .replies .comment-body`, { hasText: '对它的另一条回复' })).toBeVisible();
        // Without replies, a removed comment leaves the thread.
        await decide(lone.id, 'remove');
        await expect(page.locator(`#c${lone.id}`)).toHaveCount(0, { timeout: 10_000 });
        await stillWell(page, m, slug);

        // Readers see what was decided.
        const reader = await page.context().browser()!.newContext({ locale });
        const rp = await reader.newPage();
        await rp.goto(`${baseURL}/articles/${slug}`);
        await expect(rp.getByText('一条要隐藏的评论')).toHaveCount(0);
        await expect(rp.getByText('一条要删除的评论')).toHaveCount(0);
        await expect(rp.locator(`#c${spam.id} > article .tombstone`)).toHaveText(m.article.removed);
        await reader.close();
      });
    });
  }
}
