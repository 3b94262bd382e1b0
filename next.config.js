import { fileURLToPath } from 'node:url';
import createNextIntlPlugin from 'next-intl/plugin';
import { publicPageHeaders, publicPageRewrites } from './lib/cache/public-pages.js';
import { API_POLICY, SECURITY_HEADERS } from './lib/security/csp.js';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Anonymous readers' pages are rendered once and kept by Yilun's own handler (one copy per
  // machine on disk, a bounded few in each worker's memory; lib/cache/handler.js adds their
  // CSP); writes expire them by tag (lib/cache/invalidate.ts). Next keeps no memory of its own.
  cacheHandler: fileURLToPath(new URL('./lib/cache/handler.js', import.meta.url)),
  cacheMaxMemorySize: 0,
  async rewrites() {
    return { beforeFiles: publicPageRewrites() };
  },
  // Headers every response carries; a page's CSP comes from proxy.ts (nonce) or from the
  // cache (hashes); the JSON API gets one that allows nothing.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
      // Over https (as a proxy in front reports it) browsers are told to stay on https; over
      // plain http they ignore the header, so a forged X-Forwarded-Proto gains nothing.
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
      },
      { source: '/api/v1/:path*', headers: [{ key: 'Content-Security-Policy', value: API_POLICY }] },
      ...publicPageHeaders(),
    ];
  },
};

export default withNextIntl(nextConfig);
