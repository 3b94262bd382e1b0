// The Content-Security-Policy, in one place. Pages rendered per request allow their scripts
// by a per-request nonce (proxy.ts); the cached pages anonymous readers get carry no script at
// all, so they allow none (lib/cache/handler.js). Never 'unsafe-inline'.

/** The policy of a page whose scripts carry this nonce (per request, or swapped in per read). */
export const noncePolicy = (nonce, { dev = false } = {}) => contentSecurityPolicy(`'self' 'nonce-${nonce}' 'strict-dynamic'`, { dev });

/** @param {string} scriptSources the script-src sources */
export function contentSecurityPolicy(scriptSources, { dev = false } = {}) {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
