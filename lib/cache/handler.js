// Next.js's own page cache (the file-system cache, kept in memory), with one duty added for
// the pages anonymous readers share (app/cached): they are stored as the documents a browser
// needs, without Next's scripts.
//
// No client component renders on those pages (members' forms and buttons live in the routes
// rendered per request), and their links are plain links, so hydrating them would do nothing
// but cost every reader about 135 kB of JavaScript and an inline RSC payload as large as the
// HTML itself. The RSC payload stays in the entry for the client router. With no script left,
// the page's Content-Security-Policy allows none, stored with the entry: every reader of the
// entry gets it, the first one included (Next sends the entry it has just stored).
import FileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import { contentSecurityPolicy, noncePolicy } from '../security/csp.js';
import fs from 'node:fs';
import { plainPage } from '../plain-page.js';
import crypto from 'node:crypto';
import { CACHED_PREFIX, SHELL_PREFIX } from './public-pages.js';

const messages = Object.fromEntries(
  ['zh-CN', 'en'].map((l) => [l, JSON.parse(fs.readFileSync(new URL(`../../messages/${l}.json`, import.meta.url), 'utf8'))]),
);

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;

/** A page entry's key ends in its path (`/route-cache/APP_PAGE/…/$/cached/LOCALE/…` in Next 16). */
const READER_KEY = new RegExp(`(?:^|/\\$)${CACHED_PREFIX}/(zh-CN|en)/`);
const readerPageLocale = (key) => READER_KEY.exec(key)?.[1] ?? null;

/**
 * Next renders a 404 as an empty shell that its scripts fill in; a reader's page has no
 * scripts, so its 404 is this page instead, in the page's language.
 */
function notFoundDocument(locale) {
  const m = messages[locale];
  return plainPage({ lang: locale, site: m.site.name, title: m.errors.notFoundTitle, body: m.errors.notFoundBody, link: { href: '/', text: m.errors.home } });
}

/**
 * The page without its scripts and script preloads. React escapes `<` in text and Next in
 * inline data, so no `</script>` can occur inside one, and no `<script` tag outside Next's.
 * Structured data stays: it is data, never run (lib/feeds/json-ld.ts escapes its `<`).
 */
export function withoutScripts(html) {
  return html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script>/g, (whole, attrs) => (/\btype="application\/ld\+json"/.test(attrs) ? whole : ''))
    .replace(/<link\b[^>]*\bas="script"[^>]*>/g, '');
}

const LIVE_SCRIPT = '<script src="/live.js" defer></script>';

/** A thread page gets the live script (new comments, like counts, removals), nothing else. */
export function withLiveScript(html) {
  return html.includes('data-live-thread=') ? html.replace('</body>', `${LIVE_SCRIPT}</body>`) : html;
}

/** A key of the members' shared pages (app/shell, lib/cache/member-shell.ts). */
const SHELL_KEY = new RegExp(`(?:^|/\\$)${SHELL_PREFIX}/(?:zh-CN|en)/`);
const isShellKey = (key) => SHELL_KEY.test(key);

const newNonce = () => crypto.randomBytes(18).toString('base64');

/**
 * A members' shared page keeps its scripts (it has forms), which a page rendered once cannot
 * allow by the nonce of one request. So every script tag of the stored page (all of them
 * React's and Next's: React escapes `<` in text, as withoutScripts relies on) is given a nonce
 * made when the page is stored — random, so no comment written before could carry it — and
 * each read of the entry swaps that nonce for a fresh one, in the page and in its policy.
 */
export function withNonce(html, nonce) {
  const tag = (name, attrs) => `<${name}${attrs.replace(/\snonce="[^"]*"/g, '')} nonce="${nonce}">`;
  return html
    .replace(/<script\b([^>]*)>/g, (_whole, attrs) => tag('script', attrs))
    // Script preloads are checked against script-src too.
    .replace(/<link\b([^>]*\bas="script"[^>]*?)\/?>/g, (_whole, attrs) => tag('link', attrs));
}

/** The nonce the stored page's scripts carry, replaced by `fresh` everywhere it stands. */
export function swapNonce(html, fresh) {
  const stored = /<script\b[^>]*\snonce="([^"]+)"/.exec(html)?.[1];
  return stored ? html.split(`nonce="${stored}"`).join(`nonce="${fresh}"`) : html;
}

export default class YilunCacheHandler extends FileSystemCache {
  async get(key, ctx) {
    const entry = await super.get(key, ctx);
    const value = entry?.value;
    if (!value || value.kind !== 'APP_PAGE' || typeof value.html !== 'string' || !isShellKey(key)) return entry;
    const nonce = newNonce();
    return { ...entry, value: { ...value, html: swapNonce(value.html, nonce), headers: { ...value.headers, 'content-security-policy': noncePolicy(nonce) } } };
  }

  async set(key, data, ctx) {
    if (data && data.kind === 'APP_PAGE' && typeof data.html === 'string' && isShellKey(key)) {
      const nonce = newNonce();
      data.html = withNonce(data.html, nonce);
      data.headers ??= {};
      data.headers['content-security-policy'] = noncePolicy(nonce);
    }
    const locale = readerPageLocale(key);
    if (data && data.kind === 'APP_PAGE' && typeof data.html === 'string' && locale) {
      data.html = data.status === 404 ? notFoundDocument(locale) : withLiveScript(withoutScripts(data.html));
      data.headers ??= {};
      // The one script a reader's page may carry: /live.js, from this site (never inline).
      data.headers['content-security-policy'] = contentSecurityPolicy(data.html.includes(LIVE_SCRIPT) ? "'self'" : "'none'");
    }
    // A page that is not there is sent (as changed above) but never kept: any address can be
    // made up, and each made-up slug or comment id would otherwise stay in every worker's memory.
    if (data && data.kind === 'APP_PAGE' && data.status === 404 && (locale || isShellKey(key))) return;
    return super.set(key, data, ctx);
  }
}
