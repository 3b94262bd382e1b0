// One thread per page of a publisher's site: the page's address made canonical, by rules an
// admin can read on /mod/sites (EMBED_URL_RULES, in both languages there):
//
// 1. http and https only; the scheme and host are lower-cased, a default port dropped;
// 2. the fragment (#…) is dropped;
// 3. of the query, only the parameters the site lists as naming another page are kept, sorted
//    by name (utm_*, fbclid and everything else are dropped);
// 4. a trailing slash is dropped (but not from "/"), and so is a trailing index.html.
//
// The origin (scheme://host[:port]) must be one of the site's.

export const MAX_PAGE_URL = 2000;

/** The canonical address of a page, or null when it is not an http(s) address. */
export function canonicalPageUrl(raw: string, keepParams: readonly string[] = []): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_PAGE_URL) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  let path = url.pathname.replace(/\/index\.html?$/i, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';
  const keep = new Set(keepParams);
  const kept = [...url.searchParams].filter(([k]) => keep.has(k)).sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return `${url.origin}${path}${query}`;
}

/** An origin as a site lists it: scheme://host[:port], lower case; null when it is not one. */
export function normalOrigin(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.replace(/\/$/, '') || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The origin of a canonical address. */
export const originOf = (canonical: string) => new URL(canonical).origin;
