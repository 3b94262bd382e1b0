// Anonymous readers are served from a shared cache of rendered pages. These tests show that
// every kind of write reaches them as promised (at once; like counts within a second), that
// nothing of a member ever enters a shared page, and what the cached pages send.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateThread } from '../tests/support/generate-thread.ts';
import { test, expect, sessionCookie, SEED_SLUG, type TestMember } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';

const LANGUAGES = ['zh-CN', 'en'] as const;
const SORTS = ['top', 'hot', 'new', 'old'] as const;

let counter = 0;
const unique = (what: string) => `${what}-${Date.now().toString(36)}-${counter++}`;

test.describe('the shared page cache', () => {
  let base: string;
  test.beforeEach(({ baseURL }) => {
    base = baseURL!;
  });

  /** What an anonymous reader gets; the status must be 200. */
  const anonymous = async (p: string, lang: string = 'zh-CN') => {
    const res = await fetch(base + p, { headers: { 'accept-language': lang } });
    expect(res.status, p).toBe(200);
    return res.text();
  };
  /** Every cached variant of a thread: both languages, every sort, and one permalink. */
  const variants = (slug: string, permalinkId: number) => [
    ...LANGUAGES.flatMap((lang) => SORTS.map((sort) => [`/articles/${slug}?sort=${sort}`, lang] as const)),
    ...LANGUAGES.map((lang) => [`/articles/${slug}/comments/${permalinkId}`, lang] as const),
  ];
  const everyVariant = async (slug: string, permalinkId: number) =>
    Promise.all(variants(slug, permalinkId).map(async ([p, lang]) => ({ where: `${p} (${lang})`, html: await anonymous(p, lang) })));
  const as = async (m: { id: number }) => ({ cookie: `${SESSION_COOKIE}=${await sessionCookie(m)}`, origin: base, 'content-type': 'application/json' });
  const write = async (m: { id: number }, method: string, p: string, body?: unknown) => {
    const res = await fetch(base + p, { method, headers: await as(m), body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.status, `${method} ${p}: ${await res.clone().text()}`).toBeLessThan(300);
    return res.json();
  };
  const post = async (m: TestMember, slug: string, body: string, parentId?: number) =>
    (await write(m, 'POST', `/api/v1/articles/${slug}/comments`, { body, ...(parentId ? { parentId } : {}) })).comment as { id: number; status: string };
  const moderate = (mod: TestMember, id: number, action: string) => write(mod, 'POST', `/api/v1/mod/comments/${id}`, { action, reason: 'test' });
  const thread = async (mod: TestMember, slug: string, action: string) => write(mod, 'POST', `/api/v1/mod/articles/${slug}`, { action });

  test('every kind of write reaches anonymous readers at once, in every language, sort and permalink', async ({ sql, member }) => {
    const slug = unique('cache');
    const { articleId } = await generateThread(sql, { slug, topLevel: 3 });
    const first = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1 ORDER BY id LIMIT 1', [articleId])).rows[0].id;
    const mod = await member({ role: 'moderator' });
    const seen = async (text: string) => (await everyVariant(slug, first)).filter((v) => v.html.includes(text)).map((v) => v.where);
    const all = variants(slug, first).map(([p, lang]) => `${p} (${lang})`);
    await everyVariant(slug, first); // every variant is now in the cache

    // A new comment is on every thread page at once (the permalink shows another conversation).
    const text = unique('新评论');
    const comment = await post(await member(), slug, text);
    expect(await seen(text)).toEqual(all.filter((w) => !w.includes('/comments/')));
    // A reply is under its parent, on the thread pages and the parent's permalink.
    const reply = unique('新回复');
    await post(await member(), slug, reply, first);
    expect(await seen(reply)).toEqual(all);

    // Removal, hiding and restoring apply at once everywhere.
    await moderate(mod, comment.id, 'remove');
    expect(await seen(text)).toEqual([]);
    await moderate(mod, comment.id, 'restore');
    expect((await seen(text)).length).toBe(LANGUAGES.length * SORTS.length);
    await moderate(mod, comment.id, 'hide');
    expect(await seen(text)).toEqual([]);
    await moderate(mod, comment.id, 'restore');

    // A lock shows its notice; pre-moderation holds a comment until it is approved.
    await thread(mod, slug, 'lock');
    expect((await anonymous(`/articles/${slug}`)).includes('class="notice">本帖已锁定')).toBe(true);
    expect((await anonymous(`/articles/${slug}`, 'en')).includes('class="notice">This thread is locked')).toBe(true);
    await thread(mod, slug, 'unlock');
    expect((await anonymous(`/articles/${slug}`)).includes('class="notice">本帖已锁定')).toBe(false);
    await thread(mod, slug, 'premod-on');
    expect((await anonymous(`/articles/${slug}`)).includes('class="notice">本帖目前先审后发')).toBe(true);
    const heldText = unique('待审');
    const held = await post(await member(), slug, heldText);
    expect(held.status).toBe('held');
    expect(await seen(heldText)).toEqual([]);
    await moderate(mod, held.id, 'approve');
    expect((await seen(heldText)).length).toBe(LANGUAGES.length * SORTS.length);
    await thread(mod, slug, 'premod-off');

    // A ban that removes the member's comments removes them from every page at once.
    const spammer = await member();
    const spam = unique('广告');
    await post(spammer, slug, spam);
    expect((await seen(spam)).length).toBe(LANGUAGES.length * SORTS.length);
    await write(mod, 'POST', `/api/v1/mod/users/${encodeURIComponent(spammer.username)}`, { action: 'ban', removeComments: true });
    expect(await seen(spam)).toEqual([]);
  });

  test('a like reaches anonymous readers within a second; the member who liked sees it at once', async ({ sql, member }) => {
    const slug = unique('likes');
    const { articleId } = await generateThread(sql, { slug, topLevel: 2 });
    const { id, like_count: before } = (
      await sql.query<{ id: number; like_count: number }>('SELECT id, like_count FROM comments WHERE article_id = $1 ORDER BY id LIMIT 1', [articleId])
    ).rows[0];
    const count = (html: string) => Number(new RegExp(`id="c${id}"[\\s\\S]*?class="like-count">(\\d+)<`).exec(html)?.[1]);
    expect(count(await anonymous(`/articles/${slug}?sort=old`))).toBe(before);
    const fan = await member();
    const liked = await write(fan, 'PUT', `/api/v1/comments/${id}/like`);
    const at = Date.now();
    expect(liked).toEqual({ liked: true, likeCount: before + 1 });
    // The liker's page is the members' shared page; their part of it (what the browser lays
    // over it) carries the count before the shared page has it.
    const own = (await (await fetch(`${base}/api/v1/me?article=${slug}`, { headers: await as(fan) })).json()) as { thread: { liked: number[]; counts?: Record<string, number> } };
    expect(own.thread.liked).toContain(id);
    expect(own.thread.counts?.[id]).toBe(before + 1);
    await expect.poll(async () => count(await anonymous(`/articles/${slug}?sort=old`)), { intervals: [50], timeout: 1_000 }).toBe(before + 1);
    expect(Date.now() - at).toBeLessThan(1_000);
  });

  test('a like just after a removal does not bring the removed comment back, in any variant', async ({ sql, member }) => {
    const slug = unique('remove-then-like');
    const { articleId } = await generateThread(sql, { slug, topLevel: 2 });
    const [other] = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1 ORDER BY id LIMIT 1', [articleId])).rows;
    const mod = await member({ role: 'moderator' });
    const insult = unique('马上删掉的辱骂');
    const { id } = await post(await member(), slug, insult);
    // Every variant is cached with the insult in it…
    const first = await everyVariant(slug, other.id);
    expect(first.filter(({ where }) => !where.includes('/comments/')).every(({ html }) => html.includes(insult))).toBe(true);
    expect(await anonymous(`/articles/${slug}/comments/${id}`)).toContain(insult);
    // …then it is removed, and at once someone likes another comment of the thread (a like
    // refreshes the pages in the background: it must not turn the removal into one too).
    await moderate(mod, id, 'remove');
    await write(await member(), 'PUT', `/api/v1/comments/${other.id}/like`);
    for (const { where, html } of await everyVariant(slug, other.id)) expect(html.includes(insult), where).toBe(false);
    // Its own page is gone (it had no replies to keep a tombstone for).
    const own = await fetch(`${base}/articles/${slug}/comments/${id}`);
    expect(own.status).toBe(404);
    expect(await own.text()).not.toContain(insult);
  });

  test('nothing of a member ever enters a page an anonymous reader gets, in either language', async ({ sql, member }) => {
    const slug = unique('private');
    const { articleId } = await generateThread(sql, { slug, topLevel: 2 });
    const first = (await sql.query<{ id: number }>('SELECT id FROM comments WHERE article_id = $1 ORDER BY id LIMIT 1', [articleId])).rows[0].id;
    const mod = await member({ role: 'moderator' });
    const m = await member();
    await write(m, 'PUT', `/api/v1/comments/${first}/like`);
    await thread(mod, slug, 'premod-on');
    const heldText = unique('只有作者能看到');
    await post(m, slug, heldText);
    // The member reads every variant first: their pages must not be what others get. A
    // permalink is rendered for them; a thread is the members' shared render, their held
    // comment coming with their part of it.
    for (const [p, lang] of variants(slug, first)) {
      const own = await (await fetch(base + p, { headers: { ...(await as(m)), 'accept-language': lang } })).text();
      if (p.includes('/comments/')) expect(own).toContain(m.displayName);
      else expect(own).not.toContain(heldText);
    }
    const part = await (await fetch(`${base}/api/v1/me?article=${slug}`, { headers: await as(m) })).json();
    expect(part.thread.extra.map((c: { body: string }) => c.body)).toContain(heldText);
    for (const { where, html } of await everyVariant(slug, first)) {
      for (const secret of [m.displayName, m.username, heldText, 'aria-pressed="true"', 'name="key"', '<textarea', 'csrfToken', 'signed-in']) {
        expect(html.includes(secret), `${where} contains ${secret}`).toBe(false);
      }
    }
     // Nor the members' shared page (docs/decisions/006), which a member who took no part reads:
    // it has members' forms, but nothing of the member who acted, nor of its reader.
    const reader = await member();
    for (const [p, lang] of variants(slug, first).filter(([p]) => !p.includes('/comments/'))) {
      const res = await fetch(base + p, { headers: { ...(await as(reader)), 'accept-language': lang } });
      expect(res.headers.get('x-nextjs-cache'), `${p} (${lang})`).toMatch(/HIT|MISS|STALE/);
      const html = await res.text();
      for (const secret of [m.displayName, m.username, heldText, reader.displayName, reader.username, 'aria-pressed="true"', 'csrfToken']) {
        expect(html.includes(secret), `shared members' page ${p} (${lang}) contains ${secret}`).toBe(false);
      }
    }
  });

  test('cached pages allow no script but /live.js on threads, and carry public cache headers; members get their scripts’ hashes (shared) or a nonce (their own), and private pages', async ({ member }) => {
    for (const p of ['/', `/articles/${SEED_SLUG}`, `/articles/${SEED_SLUG}?sort=new`, `/articles/${SEED_SLUG}?sort=new&cursor=first`]) {
      for (const lang of LANGUAGES) {
        const res = await fetch(base + p, { headers: { 'accept-language': lang } });
        const csp = res.headers.get('content-security-policy') ?? '';
        // The thread list needs no script at all; a thread only its live updates, from this site.
        expect(csp, p).toContain(p === '/' ? "script-src 'none';" : "script-src 'self';");
        expect(csp).not.toMatch(/unsafe-inline|nonce-/);
        expect(res.headers.get('cache-control')).toMatch(/^public, s-maxage=\d+, stale-while-revalidate=\d+$/);
        // A cache in front must keep one reader's language (and a member's page) from another.
        expect(res.headers.get('vary')).toMatch(/\bCookie\b.*\bAccept-Language\b/);
      }
    }
    // A member who took no part: the members' shared page, its inline scripts allowed by hash.
    const res = await fetch(`${base}/articles/${SEED_SLUG}`, { headers: await as(await member()) });
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(res.headers.get('cache-control')).toMatch(/private/);
    // Staff: rendered for them, with this request's nonce.
    const staff = await fetch(`${base}/articles/${SEED_SLUG}`, { headers: await as(await member({ role: 'moderator' })) });
    expect(staff.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(staff.headers.get('cache-control')).toMatch(/private/);
  });

  /** Gzipped size of the scripts a page loads from the build (`noModule` polyfills are for
   * browsers too old to run modules, not the ones the budget is for). */
  const scriptBytes = (html: string) => {
    const files = [...html.matchAll(/<script([^>]+)>/g)]
      .filter((m) => !/noModule/i.test(m[1]))
      .flatMap((m) => /src="\/_next\/([^"?]+)/.exec(m[1])?.[1] ?? [])
      .map((f) => path.join('.next', f));
    let total = 0;
    for (const f of new Set(files)) total += zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
    return { files: new Set(files), total };
  };

  test('an anonymous reader gets no JavaScript but the small live script, and no RSC payload: the page is the document', async ({ member }) => {
    const live = zlib.gzipSync(fs.readFileSync('public/live.js'), { level: 9 }).length;
    for (const p of ['/', `/articles/${SEED_SLUG}`, `/articles/${SEED_SLUG}/comments/1`]) {
      const html = await anonymous(p);
      const thread = p === `/articles/${SEED_SLUG}`;
      // Structured data is the one other script element, and it is data (never run).
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.filter((s) => !s.includes('application/ld+json')), p).toEqual(thread ? ['<script src="/live.js" defer>'] : []);
      expect(scripts.filter((s) => s.includes('application/ld+json')), p).toHaveLength(thread ? 1 : 0);
      expect(html).not.toContain('__next_f');
      expect(scriptBytes(html).total + (thread ? live : 0)).toBeLessThanOrEqual(120 * 1024);
    }
    expect(live).toBeLessThan(3 * 1024);
    // A member's page hydrates; its JavaScript is measured so that it stays in proportion.
    const own = await (await fetch(`${base}/articles/${SEED_SLUG}`, { headers: await as(await member()) })).text();
    const { files, total } = scriptBytes(own);
    console.log(`JavaScript for a member's thread page: ${files.size} files, ${(total / 1024).toFixed(1)} kB gzip`);
    for (const f of files) expect(fs.readFileSync(f).includes('ZodError'), `${f} carries zod`).toBe(false);
    expect(total).toBeLessThanOrEqual(200 * 1024);
  });
});
