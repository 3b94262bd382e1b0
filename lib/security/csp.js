// The Content-Security-Policy, in one place. Pages rendered per request allow their scripts
// by a per-request nonce (proxy.ts); the members' shared pages, rendered once, by the hashes
// of their inline scripts (docs/decisions/009-page-cache-handler.md); the cached pages
// anonymous readers get carry no script but /live.js. Never 'unsafe-inline'.

/**
 * The policy of a page whose scripts carry this nonce (per request, or swapped in per read).
 * `formActions`: other origins a form may lead to (the sign-in forms of other identities post
 * here and are sent on to their provider, which form-action also governs: proxy.ts).
 */
export const noncePolicy = (nonce, { dev = false, formActions = [] } = {}) => contentSecurityPolicy(`'self' 'nonce-${nonce}' 'strict-dynamic'`, { dev, formActions });

/**
 * The policy of a page rendered once for many (the members' shared pages): its own inline
 * scripts allowed by their hashes, its script files from this site ('self'), nothing else.
 * @param {string[]} hashes base64 SHA-256 of each inline script's text
 */
export const hashPolicy = (hashes) => contentSecurityPolicy(["'self'", ...new Set(hashes)].map((h) => (h.startsWith("'") ? h : `'sha256-${h}'`)).join(' '));

/** The policy of every JSON API answer: it is data, nothing in it may load or run. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The headers every answer carries: next.config.js sets them on Next's answers, and what the
 * front door answers itself (a thread's live stream) carries the same.
 */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};

/**
 * @param {string} scriptSources the script-src sources
 * @param {{ dev?: boolean, formActions?: string[] }} [options]
 */
export function contentSecurityPolicy(scriptSources, { dev = false, formActions = [] } = {}) {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formActions.map((o) => ` ${o}`).join('')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
