// Which requests are served from the shared cache of rendered pages, and under which
// internal path. next.config.js turns these into rewrites (and the Cache-Control header);
// proxy.ts keeps its matcher in step (tests/public-pages.test.ts tries that literal on every file
// of public/, the internal trees and the pages rendered per request).
//
// A request is "public" when it reads and carries no session cookie: then its page depends
// only on the path, the sort, the cursor and the language, and one render serves every reader.
// The language is decided here with the same rule as i18n/locales.ts: a valid NEXT_LOCALE
// cookie, else the first Chinese or English entry of Accept-Language, else Chinese.
//
// Only a plain document request is a reader's: one that carries none of the headers Next's
// router and server act on (RSC payloads, prefetches, server actions, middleware's own), so
// that nothing but the page's HTML is ever answered — and marked public — for its address.

/** Cookies that mark a signed-in request (Auth.js over http and over https). */
export const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
export const LOCALE_COOKIE = 'NEXT_LOCALE';
/** Internal path prefix of the cached pages. */
export const CACHED_PREFIX = '/cached';
/** Internal path prefix of the members' shared thread pages (lib/cache/member-shell.ts). */
export const SHELL_PREFIX = '/shell';
/** Internal path prefix of the anonymous readers' embedded threads (app/framed, issue 22). */
export const FRAMED_PREFIX = '/framed';
/** Whether a path is inside the internal route trees, which answer 404 from outside. */
export const isInternalPath = (path) => [CACHED_PREFIX, SHELL_PREFIX, FRAMED_PREFIX].some((p) => path === p || path.startsWith(`${p}/`));
/** The path segment that stands for "no cursor" (it never decodes as a cursor). */
export const FIRST = 'first';
/** Accept-Language whose first Chinese or English entry is English (matched whole). */
export const ENGLISH_FIRST = '(?:(?![ \\t]*(?:[Zz][Hh]|[Ee][Nn])(?![A-Za-z]))[^,]*,)*[ \\t]*[Ee][Nn](?![A-Za-z])[^]*';
/** The characters of a keyset cursor (see lib/threads/cursor.ts). */
const CURSOR = '(?<cursor>[A-Za-z0-9_-]{1,512})';

/** Shared cache lifetimes for what sits in front (CDN, reverse proxy), in seconds. */
export const SHARED_MAX_AGE = 5;
export const STALE_WHILE_REVALIDATE = 30;

// Only reads: a form post (a server action, with or without JavaScript) carries a body and
// goes to the page rendered per request, which holds the action.
/**
 * Request headers that make Next answer something other than the page's HTML (an RSC payload,
 * a prefetch, an action's result, middleware's own answers), and the query parameter of RSC
 * requests. A request carrying any of them is never a reader's cached page; a cache in front
 * must not store or serve it either (deploy/nginx.conf bypasses them by the same list).
 */
export const ROUTER_HEADERS = ['rsc', 'next-action', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url', 'next-hmr-refresh', 'next-test-fetch-priority', 'x-middleware-prefetch', 'x-middleware-subrequest', 'x-middleware-invoke', 'x-invoke-path', 'x-invoke-query', 'x-invoke-output', 'x-nextjs-data', 'x-now-route-matches', 'x-matched-path', 'x-prerender-revalidate', 'x-prerender-revalidate-if-generated'];
/** Header names of the same kind, by prefix (whatever Next adds under these names later). */
const ROUTER_HEADER_PREFIXES = /^(?:next-|x-middleware-|x-nextjs-|x-invoke-|x-prerender-)/;
export const RSC_QUERY = '_rsc';

/**
 * Which root layout the page that sent a router request (a refresh, a navigation, a prefetch)
 * has: the members' shared page's ('shell') or another ('page'); null for a request that is not
 * the router's (a document). Next strips the router's headers from what proxy.ts sees, so the
 * front door, which sees them, passes this on as ROUTER_TREE_HEADER (lib/cache/member-shell.ts
 * reads it).
 * @param {(name: string) => string | undefined} header
 * @returns {'shell' | 'page' | null}
 */
export function routerTree(header) {
  if (header('rsc') !== '1' && header('next-router-prefetch') === undefined) return null;
  let tree = header('next-router-state-tree') ?? '';
  try {
    tree = decodeURIComponent(tree);
  } catch {}
  return tree.includes('"shell"') ? 'shell' : 'page';
}
export const ROUTER_TREE_HEADER = 'x-yilun-router-tree';

const missingSession = [
  ...SESSION_COOKIES.map((key) => ({ type: 'cookie', key })),
  ...ROUTER_HEADERS.map((key) => ({ type: 'header', key })),
  { type: 'header', key: 'content-type' },
  { type: 'query', key: RSC_QUERY },
];

/** The three ways a language is chosen, in order; each adds a condition and a value. */
const languages = [
  { has: [{ type: 'cookie', key: LOCALE_COOKIE, value: '(?<locale>zh-CN|en)' }], locale: ':locale' },
  { has: [{ type: 'header', key: 'accept-language', value: ENGLISH_FIRST }], locale: 'en' },
  { has: [], locale: 'zh-CN' },
];

/** Public pages: source path, the query that varies them, and their internal path. */
const pages = [
  { source: '/', sorts: false, destination: (l, _s, c) => `${CACHED_PREFIX}/${l}/home/${c}` },
  { source: '/articles/:slug', sorts: true, destination: (l, s, c) => `${CACHED_PREFIX}/${l}/articles/:slug/${s}/${c}` },
  { source: '/articles/:slug/comments/:id', sorts: false, destination: (l, _s, c) => `${CACHED_PREFIX}/${l}/articles/:slug/comments/:id/${c}` },
];

/**
 * An embedded thread's public address: /embed/SITE/LANGUAGE/SLUG (the language is the host's
 * choice, in the path: a frame does not follow the reader's cookie or Accept-Language).
 */
export const EMBED_THREAD_PATH = /^\/embed\/(s[a-z0-9]{10})\/(zh-CN|en)\/([^/]+)$/;
/** The embed's other addresses (the resolver /embed/SITE): framed by any page, to show its refusals. */
export const EMBED_PATH = /^\/embed\/(s[a-z0-9]{10})(?:\/|$)/;

/** Rewrites from the public URLs to the cached pages, most specific first. */
export function publicPageRewrites() {
  const rules = [];
  for (const sort of [true, false]) {
    for (const cursor of [true, false]) {
      const has = [];
      if (sort) has.push({ type: 'query', key: 'sort', value: '(?<sort>top|new|old|hot)' });
      if (cursor) has.push({ type: 'query', key: 'cursor', value: CURSOR });
      rules.push({
        source: '/embed/:site(s[a-z0-9]{10})/:lang(zh-CN|en)/:slug',
        has,
        missing: missingSession,
        destination: `${FRAMED_PREFIX}/:lang/:site/:slug/${sort ? ':sort' : 'top'}/${cursor ? ':cursor' : FIRST}`,
      });
    }
  }
  for (const page of pages) {
    for (const lang of languages) {
      for (const sort of page.sorts ? [true, false] : [false]) {
        for (const cursor of [true, false]) {
          const has = [...lang.has];
          if (sort) has.push({ type: 'query', key: 'sort', value: '(?<sort>top|new|old|hot)' });
          if (cursor) has.push({ type: 'query', key: 'cursor', value: CURSOR });
          rules.push({
            source: page.source,
            has,
            missing: missingSession,
            destination: page.destination(lang.locale, sort ? ':sort' : 'top', cursor ? ':cursor' : FIRST),
          });
        }
      }
    }
  }
  return rules;
}

export const PUBLIC_CACHE_CONTROL = `public, s-maxage=${SHARED_MAX_AGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`;

/** Headers for anonymous requests to the public pages. */
export function publicPageHeaders() {
  return [...pages, { source: '/embed/:site/:lang/:slug' }].map((page) => ({
    source: page.source,
    missing: missingSession,
    // (Vary: Cookie, Accept-Language is added by the front door: Next replaces a Vary set here.)
    headers: [{ key: 'Cache-Control', value: PUBLIC_CACHE_CONTROL }],
  }));
}

const englishFirst = new RegExp(`^${ENGLISH_FIRST}$`);
const cursorValue = new RegExp(`^${CURSOR.replace('(?<cursor>', '(?:')}$`);
const SORT_VALUES = new Set(['top', 'new', 'old', 'hot']);
const CHOSEN_LOCALE = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(zh-CN|en)(?:;|$)`);
const SESSION_COOKIE_IN_HEADER = new RegExp(`(?:^|;\\s*)(?:${SESSION_COOKIES.map((n) => n.replace(/[.-]/g, '\\$&')).join('|')})=`);
/** A thread's public address (a trailing slash is left to Next, which redirects it away first). */
export const THREAD_PATH = /^\/articles\/([^/]+)$/;

/** Whether a Cookie header carries a session (then the page is the member's, never the readers'). */
export function carriesSessionCookie(cookieHeader) {
  return SESSION_COOKIE_IN_HEADER.test(String(cookieHeader ?? ''));
}

/** Any well-formed cursor (`next dev`'s rewrites cannot check a seal either). */
const anyCursor = () => true;

/**
 * The cursor segment of a cached page's path: the cursor when it is one the forum handed out
 * (well formed, and `genuine`: lib/threads/cursor-seal.ts checks its seal), else the first page
 * — so a made-up cursor renders and stores nothing.
 * @param {URLSearchParams} query @param {(cursor: string) => boolean} genuine
 */
const cursorSegment = (query, genuine) => {
  const cursor = query.get('cursor');
  return cursor && cursorValue.test(cursor) && genuine(cursor) ? cursor : FIRST;
};

/**
 * Whether the query names its page exactly as the cache keys it: a known sort (or none) and a
 * cursor the forum handed out (or none). Any other query is answered from the same entry, but
 * not marked for shared caches, so that a cache in front stores only the keys the app has.
 * @param {URLSearchParams} query @param {(cursor: string) => boolean} [genuine]
 */
export function canonicalQuery(query, genuine = anyCursor) {
  const sort = query.get('sort');
  const cursor = query.get('cursor');
  return (sort === null || SORT_VALUES.has(sort)) && (cursor === null || cursorSegment(query, genuine) === cursor);
}

/** Whether a request carries anything that makes Next answer other than a page's HTML. */
export function routerRequest(headers, query) {
  if (query.has(RSC_QUERY)) return true;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (ROUTER_HEADERS.includes(lower) || ROUTER_HEADER_PREFIXES.test(lower)) return true;
  }
  return false;
}

/**
 * The internal path of a cached thread page (the readers' under CACHED_PREFIX, the members'
 * shared one under SHELL_PREFIX): language, raw slug segment, then sort and cursor from the query.
 * @param {string} prefix @param {string} locale @param {string} slug @param {URLSearchParams} query
 * @param {(cursor: string) => boolean} [genuine]
 */
export function cachedThreadPath(prefix, locale, slug, query, genuine = anyCursor) {
  const sort = query.get('sort') ?? '';
  return `${prefix}/${locale}/articles/${slug}/${SORT_VALUES.has(sort) ? sort : 'top'}/${cursorSegment(query, genuine)}`;
}

/**
 * The same decision as publicPageRewrites, for the server in front of Next
 * (lib/server/front-door.ts): the internal path of the cached page for this request, or null.
 * Made there, it spares Next's router (and again its page module) from trying two dozen
 * rewrite rules with their conditions on every reader's request.
 * @param {string} method @param {string} url @param {Record<string, string | string[] | undefined>} headers
 * @param {(cursor: string) => boolean} [genuine]
 */
export function publicPagePath(method, url, headers, genuine = anyCursor) {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (headers['content-type']) return null;
  if (carriesSessionCookie(headers.cookie)) return null;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  if (routerRequest(headers, query)) return null;
  const embedded = EMBED_THREAD_PATH.exec(path);
  if (embedded) {
    const [, site, lang, slug] = embedded;
    const sort = query.get('sort') ?? '';
    return `${FRAMED_PREFIX}/${lang}/${site}/${slug}/${SORT_VALUES.has(sort) ? sort : 'top'}/${cursorSegment(query, genuine)}`;
  }
  const thread = THREAD_PATH.exec(path);
  const permalink = thread ? null : /^\/articles\/([^/]+)\/comments\/([^/]+)$/.exec(path);
  if (path !== '/' && !thread && !permalink) return null;
  const chosen = CHOSEN_LOCALE.exec(String(headers.cookie ?? ''))?.[1];
  const locale = chosen ?? (englishFirst.test(String(headers['accept-language'] ?? '')) ? 'en' : 'zh-CN');
  if (thread) return cachedThreadPath(CACHED_PREFIX, locale, thread[1], query, genuine);
  if (permalink) return `${CACHED_PREFIX}/${locale}/articles/${permalink[1]}/comments/${permalink[2]}/${cursorSegment(query, genuine)}`;
  return `${CACHED_PREFIX}/${locale}/home/${cursorSegment(query, genuine)}`;
}
