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
import { contentSecurityPolicy } from '../security/csp.js';
import fs from 'node:fs';
import { plainPage } from '../plain-page.js';
import { CACHED_PREFIX } from './public-pages.js';

const messages = Object.fromEntries(
  ['zh-CN', 'en'].map((l) => [l, JSON.parse(fs.readFileSync(new URL(`../../messages/${l}.json`, import.meta.url), 'utf8'))]),
);

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;

/** A page entry's key ends in its path (`/route-cache/APP_PAGE/…/$/cached/LOCALE/…` in Next 16). */
const readerPageLocale = (key) => new RegExp(`(?:^|/\\$)${CACHED_PREFIX}/(zh-CN|en)/`).exec(key)?.[1] ?? null;

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

export default class YilunCacheHandler extends FileSystemCache {
  async set(key, data, ctx) {
    const locale = readerPageLocale(key);
    if (data && data.kind === 'APP_PAGE' && typeof data.html === 'string' && locale) {
      data.html = data.status === 404 ? notFoundDocument(locale) : withLiveScript(withoutScripts(data.html));
      data.headers ??= {};
      // The one script a reader's page may carry: /live.js, from this site (never inline).
      data.headers['content-security-policy'] = contentSecurityPolicy(data.html.includes(LIVE_SCRIPT) ? "'self'" : "'none'");
    }
    return super.set(key, data, ctx);
  }
}
