// Request headers that make Next answer something other than a page's HTML, for the cache
// tests (e2e/cache-keys.spec.ts against the app, e2e/nginx.spec.ts through nginx).
import { encodeCursor } from '../../lib/threads/cursor.ts';

/** Every request header Next's router or server acts on, with a value it would accept. */
export const POISONING_HEADERS: Record<string, string>[] = [
  { 'x-middleware-prefetch': '1' },
  { rsc: '1' },
  { RSC: '1', 'Next-Router-State-Tree': encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }, null, null, true])) },
  { 'next-router-prefetch': '1' },
  { 'next-router-prefetch': '1', rsc: '1' },
  { 'next-router-segment-prefetch': '/_tree', rsc: '1' },
  { 'next-action': 'abcdef0123456789' },
  { 'next-url': '/signin' },
  { 'x-nextjs-data': '1' },
  { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
  { 'x-now-route-matches': 'slug=x' },
  { 'content-type': 'text/plain' },
];

/** A cursor of the right characters that the forum never handed out. */
export const madeUpCursor = () => encodeCursor({ t: new Date().toISOString(), i: 1 }).slice(0, -3) + 'zzz';
