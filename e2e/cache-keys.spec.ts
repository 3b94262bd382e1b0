// What may be cached, and under which key (issue 19, item 1). Only an answer the front door
// routed to a reader's cached page, 200 with an HTML body, under the address the cache keys it
// by, is marked public; a request that makes Next answer anything else (an RSC payload, a
// prefetch's `{}`, an action) is never routed there; the internal route trees are 404 from
// outside; a made-up cursor or a session cookie that does not decrypt renders and stores
// nothing. e2e/nginx.spec.ts tries the same headers through deploy/nginx.conf.
import { test, expect, SEED_SLUG } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';
import { encodeCursor } from '../lib/threads/cursor.ts';
import { POISONING_HEADERS } from './support/poisoning.ts';


const isPublic = (cc: string | null) => /\b(public|s-maxage)\b/i.test(cc ?? '');

test.describe('cache keys and what is marked public', () => {
  test('a request with any router header is answered per request and never marked public; a page answer always has its CSP', async ({ baseURL, sql }) => {
    const { rows } = await sql.query<{ id: number }>('SELECT min(c.id) AS id FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = $1', [SEED_SLUG]);
    for (const p of ['/', `/articles/${SEED_SLUG}`, `/articles/${SEED_SLUG}?sort=new`, `/articles/${SEED_SLUG}/comments/${rows[0].id}`]) {
      for (const headers of POISONING_HEADERS) {
        const res = await fetch(baseURL + p, { headers, redirect: 'manual' });
        const where = `${p} ${JSON.stringify(headers)} → ${res.status} ${res.headers.get('content-type')}`;
        expect(res.status, where).toBeLessThan(500);
        expect(isPublic(res.headers.get('cache-control')), `${where}: ${res.headers.get('cache-control')}`).toBe(false);
        // Never sent off to the internal addresses.
        expect(res.headers.get('location') ?? '', where).not.toMatch(/\/(cached|shell)\//);
        if ((res.headers.get('content-type') ?? '').startsWith('text/html')) expect(res.headers.get('content-security-policy'), where).toBeTruthy();
        await res.arrayBuffer();
      }
      // The same address without them: the reader's page, public.
      const plain = await fetch(baseURL + p);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('cache-control'), p).toMatch(/^public, s-maxage=\d+/);
      expect(await plain.text()).toContain('<html');
    }
  });

  test('profiles, sign-in and errors are never marked public; a feed is public only as itself', async ({ baseURL, member }) => {
    const m = await member();
    // Feeds are the same for every reader (rendered per request, never kept by the app): a
    // shared cache may keep the feed itself, and nothing else under its address.
    for (const p of ['/feed.xml', `/articles/${SEED_SLUG}/feed.xml`]) {
      for (const headers of [{}, { 'x-middleware-prefetch': '1' }, { rsc: '1' }, { 'next-router-prefetch': '1' }] as Record<string, string>[]) {
        const res = await fetch(baseURL + p, { headers });
        const body = await res.text();
        if (isPublic(res.headers.get('cache-control'))) {
          expect(res.status, `${p} ${JSON.stringify(headers)}`).toBe(200);
          expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
          expect(body).toContain('<feed');
        }
      }
    }
    for (const p of [`/u/${m.username}`, '/signin', '/signup', '/articles/no-such-article', `/articles/${SEED_SLUG}/comments/999999999`, '/no/such/page']) {
      for (const headers of [{}, { 'x-middleware-prefetch': '1' }, { rsc: '1' }] as Record<string, string>[]) {
        const res = await fetch(baseURL + p, { headers, redirect: 'manual' });
        const cc = res.headers.get('cache-control');
        const html = (res.headers.get('content-type') ?? '').startsWith('text/html');
        // Only a reader's thread page is public; a missing one is not.
        expect(isPublic(cc) && !(res.status === 200 && html), `${p} ${JSON.stringify(headers)} → ${res.status} ${cc}`).toBe(false);
        if (res.status >= 400) expect(isPublic(cc), `${p} → ${res.status} ${cc}`).toBe(false);
        await res.arrayBuffer();
      }
    }
  });

  test('the internal route trees answer 404 from outside, whatever is asked', async ({ baseURL }) => {
    for (const p of [
      '/cached',
      '/cached/zh-CN/home/first',
      `/cached/zh-CN/articles/${SEED_SLUG}/top/first`,
      `/cached/en/articles/${SEED_SLUG}/comments/1/first`,
      `/shell/zh-CN/articles/${SEED_SLUG}/top/first`,
      `/shell/en/articles/${SEED_SLUG}/new/first?_rsc=abc`,
      '/shell',
    ]) {
      for (const headers of [{}, { rsc: '1' }, { cookie: `${SESSION_COOKIE}=x` }] as Record<string, string>[]) {
        for (const method of ['GET', 'HEAD']) {
          const res = await fetch(baseURL + p, { method, headers, redirect: 'manual' });
          expect(res.status, `${method} ${p} ${JSON.stringify(headers)}`).toBe(404);
          expect(isPublic(res.headers.get('cache-control'))).toBe(false);
          await res.arrayBuffer();
        }
      }
    }
  });

  test('a made-up cursor, an unknown sort or a session cookie that does not decrypt is served from an entry the cache has, and never marked public', async ({ baseURL }) => {
    const first = await fetch(`${baseURL}/articles/${SEED_SLUG}?sort=new`);
    const firstHtml = await first.text();
    await expect.poll(async () => (await fetch(`${baseURL}/articles/${SEED_SLUG}?sort=new`)).headers.get('x-nextjs-cache')).toBe('HIT');
    const made = [
      Buffer.from(JSON.stringify({ t: '2026-01-01T00:00:00.000Z', i: 7 })).toString('base64url'),
      encodeCursor({ t: '2026-01-01T00:00:00.000Z', i: 7 }).slice(0, -2) + 'xy',
      'A'.repeat(40),
      `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`,
    ];
    for (const cursor of made) {
      const res = await fetch(`${baseURL}/articles/${SEED_SLUG}?sort=new&cursor=${cursor}`);
      expect(res.status).toBe(200);
      // Not rendered: the first page's entry, as it is.
      expect(res.headers.get('x-nextjs-cache'), cursor).toBe('HIT');
      expect(res.headers.get('cache-control'), cursor).toBe('private, no-store');
      expect(stripTimes(await res.text())).toBe(stripTimes(firstHtml));
    }
    // An unknown sort: the default sort's entry, not public under its own address.
    await fetch(`${baseURL}/articles/${SEED_SLUG}`).then((r) => r.arrayBuffer());
    const odd = await fetch(`${baseURL}/articles/${SEED_SLUG}?sort=best`);
    expect(odd.headers.get('cache-control')).toBe('private, no-store');
    // Session cookies that do not decrypt: no session, the reader's entry, no render.
    for (const cookie of [`${SESSION_COOKIE}=x`, `${SESSION_COOKIE}=${'e'.repeat(300)}`, `a=1; ${SESSION_COOKIE}=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z`]) {
      const res = await fetch(`${baseURL}/articles/${SEED_SLUG}?sort=new`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-nextjs-cache'), cookie).toBe('HIT');
      expect(await res.text()).not.toContain('data-owner="react"');
    }
  });

  test('a page made up of an unknown slug or comment is answered 404 and not kept', async ({ baseURL }) => {
    const slug = `made-up-${Date.now().toString(36)}`;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${baseURL}/articles/${slug}`);
      expect(res.status).toBe(404);
      // Rendered each time, never stored: nothing can be a HIT.
      expect(res.headers.get('x-nextjs-cache') ?? 'none').not.toBe('HIT');
      expect(isPublic(res.headers.get('cache-control'))).toBe(false);
      expect(await res.text()).toContain('<html');
    }
  });

  test('no request header sets the nonce or removes the CSP', async ({ baseURL }) => {
    const evil = { 'x-nonce': 'evilnonce', 'content-security-policy': "script-src 'nonce-evilnonce'", 'x-return-to': 'https://evil.example/' };
    for (const [p, extra] of [
      ['/signin', {}],
      [`/articles/${SEED_SLUG}`, { 'content-type': 'text/plain' }],
      [`/articles/${SEED_SLUG}`, { 'next-action': 'x' }],
      ['/', { rsc: '1' }],
      ['/no/such/page', {}],
    ] as const) {
      const res = await fetch(baseURL + p, { headers: { ...evil, ...extra } });
      const where = `${p} ${JSON.stringify(extra)}`;
      const csp = res.headers.get('content-security-policy');
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) expect(csp, where).toBeTruthy();
      expect(csp ?? '', where).not.toContain('evilnonce');
      const body = await res.text();
      expect(body, where).not.toContain('evilnonce');
      expect(body, where).not.toContain('evil.example');
    }
  });
});

/** A page with its relative times and nonces taken out (they may differ between renders). */
const stripTimes = (html: string) => html.replace(/<time[^>]*>[^<]*<\/time>/g, '').replace(/nonce="[^"]*"/g, '');

test.describe('headers believed only with a reason', () => {
  test('a forwarded host never reaches a link: feeds, the sitemap and robots.txt use the configured origin or the Host', async ({ baseURL }) => {
    for (const p of ['/feed.xml', `/articles/${SEED_SLUG}/feed.xml`, '/sitemap.xml', '/robots.txt']) {
      for (const headers of [{ 'x-forwarded-host': 'evil.example' }, { forwarded: 'host=evil.example;proto=https' }, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
        const res = await fetch(baseURL + p, { headers });
        expect(res.status, p).toBe(200);
        const body = await res.text();
        expect(body, `${p} ${JSON.stringify(headers)}`).not.toContain('evil.example');
        expect(body, p).toContain(new URL(baseURL!).host);
      }
    }
  });
});
