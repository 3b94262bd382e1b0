// The readers' pages are routed in two places: next.config.js's rewrites (for `next dev` and
// plain `next start`) and the front door (lib/server/front-door.ts, which spares Next's router
// the two dozen rules). Both come from lib/cache/public-pages.js; this checks they agree.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { CACHED_PREFIX, canonicalQuery, FRAMED_PREFIX, publicPagePath, publicPageRewrites, ROUTER_HEADERS, routerTree, SHELL_PREFIX } from '../lib/cache/public-pages.js';
import { encodeCursor } from '../lib/threads/cursor.ts';
import { isSealed, unseal } from '../lib/threads/cursor-seal.ts';

type Req = { path: string; query?: Record<string, string>; headers?: Record<string, string> };

/** Next's reading of one rewrite rule (anchored regular expressions, named groups). */
function byRules(req: Req): string | null {
  const cookies = Object.fromEntries((req.headers?.cookie ?? '').split(/;\s*/).filter(Boolean).map((c) => c.split('=') as [string, string]));
  const value = (c: { type: string; key: string }) =>
    c.type === 'cookie' ? cookies[c.key] : c.type === 'header' ? req.headers?.[c.key] : req.query?.[c.key];
  for (const rule of publicPageRewrites()) {
    // A parameter may carry its own pattern, as in `:lang(zh-CN|en)`.
    const names = [...rule.source.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const m = new RegExp(`^${rule.source.replace(/:\w+(?:\(([^()]*(?:\([^()]*\))?[^()]*)\))?/g, (_, own?: string) => (own ? `(${own})` : '([^/]+)'))}$`).exec(req.path);
    if (!m) continue;
    const params: Record<string, string> = Object.fromEntries(names.map((n, i) => [n, m[i + 1]]));
    if (rule.missing.some((c) => value(c) !== undefined)) continue;
    let ok = true;
    for (const c of rule.has) {
      const v = value(c);
      const got = v === undefined ? null : c.value ? new RegExp(`^(?:${c.value})$`).exec(v) : [v];
      if (!got) ok = false;
      else Object.assign(params, (got as RegExpExecArray).groups ?? {});
    }
    // The rules (for `next dev`) cannot check a cursor's seal: there the page shows the first
    // page for a cursor it did not hand out; the front door routes it to the first page's entry.
    if (params.cursor && unseal(params.cursor) === null) params.cursor = 'first';
    if (ok) return rule.destination.replace(/:(\w+)/g, (_, n: string) => params[n]);
  }
  return null;
}

const byFrontDoor = (req: Req) => {
  const q = new URLSearchParams(req.query ?? {}).toString();
  return publicPagePath('GET', `${req.path}${q ? `?${q}` : ''}`, req.headers ?? {}, isSealed);
};

describe('where a reader’s request goes', () => {
  const paths = ['/', '/articles/abc', '/articles/%E4%B8%AD', '/articles/abc/comments/12', '/articles/abc/x', '/settings', '/embed/s0123456789/zh-CN/abc', '/embed/s0123456789/en/%E4%B8%AD', '/embed/s0123456789/xx/abc', '/embed/s0123456789'];
  const sealed = encodeCursor({ t: 1 });
  const queries: Record<string, string>[] = [{}, { sort: 'new' }, { sort: 'hot', cursor: 'eyJ0IjoxfQ' }, { sort: 'old', cursor: sealed }, { cursor: sealed.slice(0, -1) + (sealed.endsWith('A') ? 'B' : 'A') }, { sort: 'nonsense' }, { cursor: 'bad!' }, { cursor: 'x'.repeat(600) }, { _rsc: 'abc' }];
  const headers: Record<string, string>[] = [
    {},
    { 'accept-language': 'en-US,en;q=0.9' },
    { 'accept-language': 'fr, zh-TW;q=0.8, en;q=0.5' },
    { cookie: 'NEXT_LOCALE=en' },
    { cookie: 'NEXT_LOCALE=xx', 'accept-language': 'en' },
    { cookie: 'authjs.session-token=t' },
    { cookie: 'a=1; __Secure-authjs.session-token=t' },
    { 'content-type': 'text/plain' },
    ...ROUTER_HEADERS.map((h) => ({ [h]: '1' })),
  ];
  it('is the same cached page by the front door as by next.config.js’s rewrites', () => {
    let routed = 0;
    for (const path of paths)
      for (const query of queries)
        for (const h of headers) {
          const req = { path, query, headers: h };
          const expected = byRules(req);
          expect(byFrontDoor(req), JSON.stringify(req)).toBe(expected);
          if (expected) routed++;
        }
    expect(routed).toBeGreaterThan(50);
  });

  it('is never a cached page for a form post or a signed-in reader', () => {
    expect(publicPagePath('POST', '/articles/abc', {})).toBeNull();
    expect(publicPagePath('GET', '/articles/abc', { cookie: 'authjs.session-token=x' })).toBeNull();
    expect(publicPagePath('HEAD', '/articles/abc?sort=old', {})).toBe('/cached/zh-CN/articles/abc/old/first');
  });

  it('is never a cached page for a request Next answers with anything but the page’s HTML', () => {
    for (const h of [...ROUTER_HEADERS, 'RSC', 'Next-Router-Whatever', 'x-middleware-new', 'x-nextjs-anything', 'x-invoke-status', 'x-prerender-x'])
      expect(publicPagePath('GET', '/articles/abc', { [h.toLowerCase()]: '1' }), h).toBeNull();
    expect(publicPagePath('GET', '/?_rsc=1x2y', {})).toBeNull();
    expect(publicPagePath('GET', '/articles/abc?sort=new&_rsc=1', {})).toBeNull();
  });

  it('opens a later page only by a cursor the forum handed out', () => {
    const cursor = encodeCursor({ t: '2026-01-01T00:00:00.000Z', i: 5 });
    expect(publicPagePath('GET', `/articles/abc?sort=new&cursor=${cursor}`, {}, isSealed)).toBe(`/cached/zh-CN/articles/abc/new/${cursor}`);
    const forged = Buffer.from(JSON.stringify({ t: '2026-01-01T00:00:00.000Z', i: 6 })).toString('base64url') + cursor.slice(-16);
    expect(publicPagePath('GET', `/articles/abc?sort=new&cursor=${forged}`, {}, isSealed)).toBe('/cached/zh-CN/articles/abc/new/first');
    expect(canonicalQuery(new URLSearchParams(`sort=new&cursor=${cursor}&utm_source=x`), isSealed)).toBe(true);
    expect(canonicalQuery(new URLSearchParams(`sort=new&cursor=${forged}`), isSealed)).toBe(false);
    expect(canonicalQuery(new URLSearchParams('sort=best'))).toBe(false);
    expect(canonicalQuery(new URLSearchParams(''))).toBe(true);
  });
});

describe("proxy.ts's matcher, in step with the routes (the test public-pages.js names)", () => {
  // Next needs the matcher as a literal in proxy.ts; this reads it there and tries it.
  const source = fs.readFileSync(path.join(import.meta.dirname, '..', 'proxy.ts'), 'utf8');
  const literal = /matcher:\s*\['([^']+)'\]/.exec(source)?.[1] ?? '';
  const matches = (p: string) => new RegExp(`^${literal}$`).test(p);

  it('skips every file of public/, the internal trees and the routes that answer for themselves', () => {
    expect(literal).not.toBe('');
    for (const file of fs.readdirSync(path.join(import.meta.dirname, '..', 'public'))) expect(matches(`/${file}`), file).toBe(false);
    for (const p of [`${CACHED_PREFIX}/zh-CN/home/first`, `${SHELL_PREFIX}/en/articles/x/top/first`, `${FRAMED_PREFIX}/en/s0123456789/x/top/first`, '/api/v1/articles', '/api/health', '/api/ready', '/_next/static/chunks/a.js', '/favicon.ico', '/icon.svg', '/robots.txt'])
      expect(matches(p), p).toBe(false);
  });

  it('runs for every page rendered per request (its CSP nonce, the outage page)', () => {
    for (const p of ['/', '/articles/05afd521a51e', '/articles/x/comments/1', '/mod', '/mod/log', '/settings', '/signin', '/signup', '/notifications', '/u/someone', '/feed.xml', '/sitemap.xml', '/goodbye'])
      expect(matches(p), p).toBe(true);
  });
});

describe('routerTree (which layout a router request comes from: proxy.ts never sees the router headers)', () => {
  const from = (h: Record<string, string>) => routerTree((name) => h[name]);
  it('names the shared page, another page, or no router request at all', () => {
    const shellTree = encodeURIComponent(JSON.stringify(['', { children: ['shell', { children: ['zh-CN', {}] }] }]));
    const pageTree = encodeURIComponent(JSON.stringify(['', { children: ['(site)', { children: ['articles', {}] }] }]));
    expect(from({ rsc: '1', 'next-router-state-tree': shellTree })).toBe('shell');
    expect(from({ rsc: '1', 'next-router-state-tree': pageTree })).toBe('page');
    expect(from({ 'next-router-prefetch': '1', 'next-router-state-tree': shellTree })).toBe('shell');
    expect(from({ rsc: '1' })).toBe('page');
    expect(from({ rsc: '1', 'next-router-state-tree': '%E0%A4%A' })).toBe('page');
    expect(from({ accept: 'text/html' })).toBeNull();
  });
});
