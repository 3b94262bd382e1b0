// The page cache on Next's documented handler interface (issue 24.2): entries by opaque key,
// tags from the page's `x-next-cache-tags` header, expired and stale marks of Yilun's own,
// one copy on disk per machine with a bounded memory per worker, nothing kept for a 404.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Handler, { MEMORY_BYTES, newGeneration } from '../lib/cache/handler.js';
import { markTags } from '../lib/cache/tag-state.js';

const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-cache-'));
newGeneration(distDir);
const serverDistDir = path.join(distDir, 'server');
const handler = () => new Handler({ serverDistDir });
/** Another worker of the machine: the same folder, a memory of its own (emptied here). */
const forgetMemory = () => {
  const s = (globalThis as unknown as { yilunPageStore: { memory: Map<string, unknown>; bytes: number } }).yilunPageStore;
  s.memory.clear();
  s.bytes = 0;
};

const page = (html: string, tags: string[], status = 200) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc:${html}`),
  segmentData: new Map([['/_tree', Buffer.from('tree')]]),
  headers: { 'x-next-cache-tags': tags.join(',') },
  status,
  postponed: undefined,
});
const ctx = { kind: 'APP_PAGE', cacheControl: { revalidate: 60, expire: 31536000 } };
type Got = { lastModified: number; value: { html: string; rscData: Buffer; segmentData: Map<string, Buffer> } } | null;

describe('the page cache handler', () => {
  it('keeps an entry with its buffers and map, for every worker of the machine', async () => {
    const key = '/route-cache/APP_PAGE/abc/$/cached/zh-CN/articles/a/top/first';
    await handler().set(key, page('<p>一</p>', ['article:1']), ctx);
    forgetMemory();
    const got = (await handler().get(key, { kind: 'APP_PAGE' })) as Got;
    expect(got?.value.html).toContain('<p>一</p>');
    expect(Buffer.isBuffer(got?.value.rscData)).toBe(true);
    expect(got?.value.segmentData.get('/_tree')?.toString()).toBe('tree');
  });

  it('an expired tag means a fresh render; a stale one the kept page once more, aged past its revalidation', async () => {
    const key = '/route-cache/APP_PAGE/abc/$/cached/zh-CN/articles/b/top/first';
    await handler().set(key, page('<p>二</p>', ['article:2', 'threads']), ctx);
    markTags(['threads'], 'stale', Date.now() + 1);
    await new Promise((r) => setTimeout(r, 5));
    const stale = (await handler().get(key, { kind: 'APP_PAGE' })) as Got;
    expect(stale?.value.html).toContain('<p>二</p>');
    expect(stale!.lastModified).toBeLessThan(Date.now() - 60_000);
    markTags(['article:2'], 'expired', Date.now() + 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await handler().get(key, { kind: 'APP_PAGE' })).toBeNull();
    // A stale mark after the expiry does not bring it back.
    markTags(['article:2'], 'stale');
    expect(await handler().get(key, { kind: 'APP_PAGE' })).toBeNull();
    // Stored again after the expiry: fresh.
    await handler().set(key, page('<p>二·新</p>', ['article:2']), ctx);
    expect(((await handler().get(key, { kind: 'APP_PAGE' })) as Got)?.value.html).toContain('二·新');
  });

  it("Next's revalidateTag (what revalidatePath calls too) expires at once; with durations, marks stale", async () => {
    const key = '/route-cache/APP_PAGE/abc/$/mod/threads';
    await handler().set(key, page('<p>三</p>', ['_N_T_/mod/threads']), ctx);
    // (A mark in the very millisecond of the store does not count against it, as in Next.)
    await new Promise((r) => setTimeout(r, 3));
    await handler().revalidateTag(['_N_T_/mod/threads'], { expire: 0 });
    await new Promise((r) => setTimeout(r, 2));
    expect(await handler().get(key, { kind: 'APP_PAGE' })).toBeNull();
  });

  it('a 404 of a reader page is sent but never kept; a reader page loses its scripts', async () => {
    const missing = '/route-cache/APP_PAGE/abc/$/cached/zh-CN/articles/no-such/top/first';
    const data = page('<html><body><script>x()</script></body></html>', ['threads'], 404);
    await handler().set(missing, data, ctx);
    expect(data.html).not.toContain('<script');
    forgetMemory();
    expect(await handler().get(missing, { kind: 'APP_PAGE' })).toBeNull();
    const found = '/route-cache/APP_PAGE/abc/$/cached/en/articles/c/top/first';
    await handler().set(found, page('<html><body><main data-live-thread="c">hi</main><script>boot()</script></body></html>', ['article:3']), ctx);
    const got = (await handler().get(found, { kind: 'APP_PAGE' })) as Got;
    expect(got?.value.html).not.toContain('boot()');
    expect(got?.value.html).toContain('<script src="/live.js" defer></script>');
  });

  it('memory is bounded; what falls out is still read from disk', async () => {
    const big = 'x'.repeat(512 * 1024);
    const keys = Array.from({ length: 80 }, (_, i) => `/route-cache/APP_PAGE/abc/$/cached/en/articles/big-${i}/top/first`);
    for (const k of keys) await handler().set(k, page(big, ['article:9']), ctx);
    const s = (globalThis as unknown as { yilunPageStore: { bytes: number } }).yilunPageStore;
    expect(s.bytes).toBeLessThanOrEqual(MEMORY_BYTES);
    expect(((await handler().get(keys[0], { kind: 'APP_PAGE' })) as Got)?.value.html.length).toBeGreaterThan(500_000);
  });

  it('a cached function (FETCH) answers to the tags of its call', async () => {
    const key = 'fetch-key-1';
    await handler().set(key, { kind: 'FETCH', data: { headers: {}, body: 'dHJ1ZQ==', status: 200, url: '' }, revalidate: false }, { fetchCache: true, tags: ['article:7'] });
    expect(await handler().get(key, { kind: 'FETCH', tags: ['article:7'], softTags: [] })).not.toBeNull();
    markTags(['article:7'], 'expired', Date.now() + 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await handler().get(key, { kind: 'FETCH', tags: ['article:7'], softTags: [] })).toBeNull();
  });
});

describe('the interface it is written against', () => {
  // Pinned: a new Next may change how it calls a cache handler. When this fails, read the
  // `cacheHandler` page of the new version's docs and docs/decisions/009-page-cache-handler.md,
  // check the handler against them, then move the pin.
  it('is the Next.js this was checked with, calling get, set and revalidateTag as documented', () => {
    const require = createRequire(import.meta.url);
    const version = require('next/package.json').version as string;
    expect(version, 'Next.js changed: check lib/cache/handler.js against its cacheHandler docs').toBe('16.4.6');
    const docs = fs.readFileSync(require.resolve('next/dist/docs/01-app/03-api-reference/05-config/01-next-config-js/incrementalCacheHandlerPath.md'), 'utf8');
    for (const method of ['`get`', '`set`', '`revalidateTag`', '`resetRequestCache`']) expect(docs).toContain(method);
    const selfHosting = fs.readFileSync(require.resolve('next/dist/docs/01-app/02-guides/self-hosting.md'), 'utf8');
    expect(selfHosting).toContain('`x-next-cache-tags` response header');
    const caller = fs.readFileSync(require.resolve('next/dist/server/lib/incremental-cache/index.js'), 'utf8');
    expect(caller).toMatch(/cacheHandler\.get\(storageKey, handlerContext\)/);
    expect(caller).toMatch(/cacheHandler\.set\(storageKey, data, handlerContext\)/);
    expect(caller).toMatch(/revalidateTag\(tags, durations\)/);
  });
});
