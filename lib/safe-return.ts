/** A same-site path to return to after an action, or the fallback: never another origin. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  try {
    const url = new URL(value, 'http://x');
    // "/.//evil.example" normalizes to "//evil.example": another origin once it is a link.
    return url.host === 'x' && !url.pathname.startsWith('//') ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The same-site page to come back to after a form post, at `anchor`, carrying what became of
 * it (empty values are left out): `?moderation=CODE&status=S`, `?refused=CODE`, which the page
 * says in the reader's language (lib/moderation/refusal-notice.ts).
 */
export function returnWithNotice(returnTo: unknown, notice: Record<string, string>, anchor: string): string {
  const url = new URL(safeReturnPath(returnTo), 'http://x');
  for (const [key, value] of Object.entries(notice)) if (value) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}#${anchor}`;
}

/** Pages that make no sense once signed out (they ask to sign in again): sign-out leaves them for home. */
const MEMBERS_ONLY = /^\/(notifications|settings|mod)(\/|$|\?)/;
/** The sign-in and sign-up pages themselves: never a place to come back to. */
const AUTH_PAGES = /^\/(signin|signup)(\/|$|\?)/;

/**
 * Where a member who opened sign-in (or sign-up) came from: the callbackUrl when the link
 * carries one, else the Referer when it is this site, else home. Never another origin.
 */
export function signInReturnPath(callbackUrl: unknown, referer: string | null, host: string | null): string {
  if (typeof callbackUrl === 'string' && callbackUrl) return safeReturnPath(callbackUrl);
  if (!referer || !host) return '/';
  try {
    const url = new URL(referer);
    if (url.host !== host) return '/';
    const path = safeReturnPath(url.pathname + url.search);
    return AUTH_PAGES.test(path) ? '/' : path;
  } catch {
    return '/';
  }
}

/** Where sign-out returns: the page it was asked from, unless that page is for members only. */
export function signOutReturnPath(value: unknown): string {
  const path = safeReturnPath(value);
  return MEMBERS_ONLY.test(path) || AUTH_PAGES.test(path) ? '/' : path;
}
