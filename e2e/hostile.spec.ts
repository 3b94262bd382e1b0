import { generateThread } from '../tests/support/generate-thread.ts';
import { createMembers } from '../tests/support/members.ts';
import { test, expect, follow, sessionCookie, signInContext } from './fixtures.ts';
import { HOSTILE } from './support/hostile.ts';
import { SESSION_COOKIE } from './support/env.ts';
import type { Page } from '@playwright/test';
import type pg from 'pg';

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

/** Reads every comment of a thread through its HTML pages, watching for anything active. */
async function readThread(page: Page, slug: string, baseURL: string) {
  const dialogs: string[] = [];
  const foreign: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  const bodies = new Map<number, string>();
  await page.goto(`/articles/${slug}?sort=old`);
  for (;;) {
    const items = await page.locator('.comment-list > li').evaluateAll((els) =>
      els.map((li) => ({
        id: Number(li.getAttribute('data-comment-id')),
        text: li.querySelector(':scope > article .comment-body')?.textContent ?? null,
        // Only text and <a> may appear inside a comment body.
        elements: [...(li.querySelector(':scope > article .comment-body')?.querySelectorAll('*') ?? [])].map((e) =>
          e.tagName === 'A' ? `A ${e.getAttribute('href')?.match(/^https?:\/\//) ? 'http' : 'other'} ${e.getAttribute('rel')}` : e.tagName,
        ),
      })),
    );
    for (const it of items) {
      expect(it.elements.every((e) => e === 'A http nofollow ugc noopener'), `elements in ${it.id}: ${it.elements}`).toBe(true);
      bodies.set(it.id, it.text!);
    }
    const more = page.getByRole('link', { name: '更多评论' });
    if (!(await more.count())) break;
    await follow(page, more);
  }
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  return bodies;
}

async function storedBodies(sql: pg.Pool, articleId: number) {
  const rows = (await sql.query<{ id: number; body: string }>('SELECT id, body FROM comments WHERE article_id = $1 ORDER BY id', [articleId])).rows;
  return rows;
}

test(`${HOSTILE.length} hostile strings through the API come back as inert, identical text`, async ({ page, sql, request, baseURL }) => {
  expect(HOSTILE.length).toBeGreaterThanOrEqual(200);
  const slug = `hostile-api-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const members = await createMembers(sql, `h${Date.now().toString(36)}`, HOSTILE.length);
  for (const [i, body] of HOSTILE.entries()) {
    const res = await request.post(`/api/v1/articles/${slug}/comments`, {
      data: { body },
      headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(members[i])}`, origin: baseURL! },
    });
    expect(res.status(), `${body}: ${await res.text()}`).toBe(201);
    expect((await res.json()).comment.body).toBe(body);
  }
  const stored = await storedBodies(sql, t.articleId);
  expect(stored.map((r) => r.body)).toEqual(HOSTILE);

  // The JSON API returns them unchanged…
  const fromApi = new Map<number, string>();
  let cursor: string | null = null;
  do {
    const res: import('@playwright/test').APIResponse = await request.get(`/api/v1/articles/${slug}/comments?sort=old&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    const json: { comments: { id: number; body: string }[]; nextCursor: string | null } = await res.json();
    for (const c of json.comments) fromApi.set(c.id, c.body);
    cursor = json.nextCursor;
  } while (cursor);
  expect(stored.map((r) => fromApi.get(r.id))).toEqual(HOSTILE);

  // …and the page shows each as text, with nothing run and nothing fetched elsewhere.
  await page.addInitScript(() => {
    (window as unknown as { alert: () => void }).alert = () => ((window as unknown as { __pwned: boolean }).__pwned = true);
  });
  const shown = await readThread(page, slug, baseURL!);
  expect(stored.map((r) => shown.get(r.id))).toEqual(HOSTILE);

  // …and so does the members' shared page, scripts and all, to a member who took no part.
  const [reader] = await createMembers(sql, `hr${Date.now().toString(36)}`, 1);
  await signInContext(page.context(), baseURL!, { ...reader, displayName: reader.username });
  const asMember = await readThread(page, slug, baseURL!);
  expect(stored.map((r) => asMember.get(r.id))).toEqual(HOSTILE);
});

test(`${HOSTILE.length} hostile strings typed into the comment form are shown exactly`, async ({ page, sql, context, baseURL }) => {
  const slug = `hostile-ui-${Date.now().toString(36)}`;
  const t = await generateThread(sql, { slug, topLevel: 0 });
  const members = await createMembers(sql, `u${Date.now().toString(36)}`, HOSTILE.length);
  await signInContext(context, baseURL!, members[0]);
  await page.goto(`/articles/${slug}`);
  const form = page.getByRole('form', { name: '发表评论' });
  const posted = page.locator('.comment-list > li');
  for (const [i, body] of HOSTILE.entries()) {
    await signInContext(context, baseURL!, members[i]); // one member a comment: the posting limits stay on
    await form.getByRole('textbox').fill(body);
    await form.getByRole('button', { name: '发表' }).click();
    // Each lands on the page (past the first page of 50, its author's own is shown at the top).
    const id = async () => (await sql.query<{ id: number }>('SELECT id FROM comments WHERE author_id = $1', [members[i].id])).rows[0]?.id ?? 0;
    await expect.poll(id).toBeGreaterThan(0);
    await expect(page.locator(`li[data-comment-id="${await id()}"] .comment-body`)).toHaveText(body, { useInnerText: false });
    await expect(posted).toHaveCount(Math.min(i + 1, 51));
  }
  const stored = await storedBodies(sql, t.articleId);
  expect(stored.map((r) => r.body)).toEqual(HOSTILE);
  const shown = await readThread(page, slug, baseURL!);
  expect(stored.map((r) => shown.get(r.id))).toEqual(HOSTILE);
});

test(`${HOSTILE.length} hostile strings as search queries: answered, inert, never an error`, async ({ page, request, baseURL }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  for (const [i, q] of HOSTILE.entries()) {
    const res = await request.get(`${baseURL}/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(res.status(), q).toBe(200);
    const json = await res.json();
    expect(json.query).toBe(q.trim().slice(0, 100));
    // Every tenth through the page as well: the query is shown as text in the box and the message.
    if (i % 10 === 0) {
      const r = await page.goto(`/search?q=${encodeURIComponent(q)}`);
      expect(r?.status(), q).toBe(200);
      await expect(page.locator('#search-q')).toHaveValue(q.slice(0, 100).replace(/[\r\n]/g, ''));
    }
  }
  expect(dialogs).toBe(0);
});
