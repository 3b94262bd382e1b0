// The Content-Security-Policy, in one place. Pages rendered per request allow their inline
// scripts by a per-request nonce (proxy.ts); cached pages by the hashes of exactly the
// inline scripts Next.js wrote for them (lib/cache/handler.js). Never 'unsafe-inline'.

/** @param {string[]} scriptSources nonce or hash sources for the inline scripts */
export function contentSecurityPolicy(scriptSources, { dev = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(' ')}${dev ? " 'unsafe-eval'" : ''}`.trim(),
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
