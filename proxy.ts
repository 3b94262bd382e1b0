// Runs before the pages rendered per request (Node.js runtime): sets the Content-Security-
// Policy with a fresh nonce, and answers 503 in the reader's language while the database is
// down. It does not run for anonymous readers' cached pages (they carry their own CSP and may
// outlive an outage), for the JSON API (which answers its own 503), or for static files.
import { env } from '@/lib/env.ts';
import { NextResponse, type NextRequest } from 'next/server';
import { databaseReachable } from './lib/db/health.ts';
import { memberShellPath } from './lib/cache/member-shell.ts';
import { publicPagePath } from './lib/cache/public-pages.js';
import { LOCALE_COOKIE, resolveLocale } from './i18n/locales.ts';
import { noncePolicy } from './lib/security/csp.js';
import { identityFormOrigins } from './lib/auth/provider-origins.ts';
import { plainPage } from './lib/plain-page.js';
import zh from './messages/zh-CN.json';
import en from './messages/en.json';

const csp = (nonce: string) => noncePolicy(nonce, { dev: env().NODE_ENV === 'development', formActions: identityFormOrigins() });

function unavailable(req: NextRequest) {
  const headers = { 'Retry-After': '5', 'Cache-Control': 'no-store' };
  if (req.nextUrl.pathname.startsWith('/api/')) {
    return NextResponse.json(
      { error: { code: 'unavailable', message: 'The service is temporarily unavailable. Please try again shortly.' } },
      { status: 503, headers },
    );
  }
  const locale = resolveLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
  const messages = locale === 'en' ? en : zh;
  const m = messages.errors;
  const html = plainPage({
    lang: locale,
    site: messages.site.name,
    title: m.unavailableTitle,
    body: m.unavailableBody,
    link: { href: req.nextUrl.pathname + req.nextUrl.search, text: m.retry },
  });
  return new NextResponse(html, {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp('none') },
  });
}

export async function proxy(req: NextRequest) {
  // Under `next dev` (no front door) a reader's page is rewritten to the cache after this:
  // it carries its own CSP there.
  if (publicPagePath(req.method, req.nextUrl.pathname + req.nextUrl.search, Object.fromEntries(req.headers))) return NextResponse.next();
  if (!(await databaseReachable())) return unavailable(req);
  // A member with nothing of their own on a thread page reads the members' shared render
  // (lib/cache/member-shell.ts); its entry carries its own CSP (its inline scripts' hashes).
  const shell = await memberShellPath(req);
  if (shell) {
    const to = req.nextUrl.clone();
    to.pathname = shell;
    to.search = '';
    return NextResponse.rewrite(to);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = csp(nonce);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  // The page being rendered, for the header's sign-out to come back to (never the client's word).
  requestHeaders.set('x-return-to', req.nextUrl.pathname + req.nextUrl.search);
  requestHeaders.set('Content-Security-Policy', policy);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', policy);
  return res;
}

// Every page but the internal trees (reached only by rewrites, which do not run this again)
// and static files: a page answer always carries a CSP, whichever route produced it. Readers'
// requests routed to the cache by the front door arrive here as /cached/… and are skipped.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|unavailable.css|live.js|heart.svg|heart-filled.svg|robots.txt|api/v1/|api/health|api/ready|cached/|shell/|framed/|embed.js|embed-frame.js|count.js).*)'],
};
