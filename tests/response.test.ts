// The response holds to the front door's decision about its headers, whatever the renderer
// sets after it (lib/server/response.ts): tried here with a handler that does what Next does
// (sets Cache-Control and Vary of its own, passes headers to writeHead, or writes without it).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE_CONTROL } from '../lib/cache/public-pages.js';
import { NOT_SHARED, YilunResponse, type HeaderPolicy } from '../lib/server/response.ts';

type Case = { policy: HeaderPolicy | null; status?: number; type?: string; cacheControl?: string; viaWriteHead?: boolean; csp?: boolean };
const cases = new Map<string, Case>();
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer({ ServerResponse: YilunResponse }, (req, res) => {
    const c = cases.get(req.url!)!;
    if (c.policy) res.policy = c.policy;
    // What Next does after the front door: its own headers, then the body.
    res.setHeader('vary', 'RSC, Next-Router-State-Tree');
    if (c.csp) res.setHeader('content-security-policy', "script-src 'self'");
    if (c.viaWriteHead) {
      res.writeHead(c.status ?? 200, { 'Content-Type': c.type ?? 'text/html; charset=utf-8', 'Cache-Control': c.cacheControl ?? 's-maxage=60, stale-while-revalidate' });
    } else {
      res.statusCode = c.status ?? 200;
      res.setHeader('content-type', c.type ?? 'text/html; charset=utf-8');
      res.setHeader('cache-control', c.cacheControl ?? 's-maxage=60, stale-while-revalidate');
    }
    res.end('body');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const policy = (p: Partial<HeaderPolicy>): HeaderPolicy => ({ varyOnReader: true, signedIn: false, readerPage: null, router: false, cspFallback: true, ...p });
async function get(name: string, c: Case) {
  cases.set(`/${name}`, c);
  const r = await fetch(`${base}/${name}`);
  await r.arrayBuffer();
  return r.headers;
}

describe('a response holds to the front door’s decision', () => {
  it('a reader’s cached page is public only as that page: 200 HTML at its canonical address', async () => {
    for (const viaWriteHead of [false, true]) {
      expect((await get(`page${viaWriteHead}`, { policy: policy({ readerPage: { canonical: true } }), viaWriteHead })).get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
      expect((await get(`json${viaWriteHead}`, { policy: policy({ readerPage: { canonical: true } }), type: 'application/json', viaWriteHead })).get('cache-control')).toBe(NOT_SHARED);
      expect((await get(`made-up${viaWriteHead}`, { policy: policy({ readerPage: { canonical: false } }), viaWriteHead })).get('cache-control')).toBe(NOT_SHARED);
      expect((await get(`redirect${viaWriteHead}`, { policy: policy({ readerPage: { canonical: true } }), status: 307, viaWriteHead })).get('cache-control')).toBe(NOT_SHARED);
    }
  });

  it('anything else Next marks shared is not, unless the app marked a feed or JSON public itself', async () => {
    expect((await get('isr', { policy: policy({}) })).get('cache-control')).toBe(NOT_SHARED);
    expect((await get('rsc', { policy: policy({}), type: 'text/x-component' })).get('cache-control')).toBe(NOT_SHARED);
    expect((await get('router', { policy: policy({ router: true }), type: 'application/json', cacheControl: 'public, max-age=60' })).get('cache-control')).toBe(NOT_SHARED);
    expect((await get('member', { policy: policy({ signedIn: true }), type: 'application/json', cacheControl: 'public, max-age=60', viaWriteHead: true })).get('cache-control')).toBe(NOT_SHARED);
    expect((await get('feed', { policy: policy({}), type: 'application/atom+xml', cacheControl: 'public, max-age=300' })).get('cache-control')).toBe('public, max-age=300');
  });

  it('varies on the reader besides what Next varies on; an HTML answer always has a CSP', async () => {
    const h = await get('vary', { policy: policy({}) });
    expect(h.get('vary')).toBe('RSC, Next-Router-State-Tree, Cookie, Accept-Language');
    expect(h.get('content-security-policy')).toContain("'none'");
    expect((await get('own-csp', { policy: policy({}), csp: true })).get('content-security-policy')).toBe("script-src 'self'");
    expect((await get('error', { policy: policy({}), status: 500 })).get('content-security-policy')).toBeNull();
  });

  it('a static file (no policy) is left as Next made it', async () => {
    const h = await get('static', { policy: null, type: 'application/javascript', cacheControl: 'public, max-age=31536000, immutable' });
    expect(h.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(h.get('vary')).toBe('RSC, Next-Router-State-Tree');
  });
});
