// What every request meets before Next.js: the decisions that Next's own server cannot make,
// or makes with a 500. Used by the server `npm start` runs (scripts/serve.ts).
//
// - The client's address. `next start` keeps whatever X-Forwarded-For a client sends and
//   only fills it in when it is missing, so anyone could pick the address that the
//   per-address limits count. Here the socket's address is the client unless
//   YILUN_TRUSTED_PROXIES=N proxies sit in front: then the address is the entry N places
//   from the right of X-Forwarded-For followed by the socket's address. The result is
//   checked to be an IP address and passed on as X-Yilun-Client-Address (any such header a
//   client sends is dropped), with X-Forwarded-For and -Proto set to match.
// - Methods: pages are read and posted to; the JSON API also takes PUT, PATCH and DELETE.
//   Anything else is a 405 (Next answers TRACE with a 500).
// - A path with a malformed %-escape is a 400 (Next answers it with a 500).
// - The internal route trees (the cached pages' /cached/…, the members' shared /shell/…) are
//   404 from outside: only the routing here and in proxy.ts may reach them.
// - Headers only the app may set on a request (the nonce, the page to return to, the CSP Next
//   takes its nonce from, the client's address) are dropped from what a client sends, and so
//   is X-Forwarded-Host: links in feeds, the sitemap and robots.txt come from
//   YILUN_PUBLIC_URL or the Host header, never from a forwarded host.
// - A session cookie that does not decrypt is no session: it is dropped, and the request is a
//   reader's (a junk cookie used to force a render per request).
// - Cache-Control: only an answer routed here to a reader's cached page, 200 with an HTML body,
//   is public (issue 19: a prefetch answered `{}` and marked public was cached by nginx for
//   every reader). Anything else routed there is `private, no-store`; a signed-in answer is
//   never public.
// - A thread's live stream (GET /api/v1/articles/SLUG/events) is answered here, not by Next.
import net from 'node:net';
import type http from 'node:http';
import { canonicalQuery, carriesSessionCookie, isInternalPath, PUBLIC_CACHE_CONTROL, publicPagePath, routerRequest, SESSION_COOKIES } from '../cache/public-pages.js';
import { readSessionToken } from '../auth/session-token.ts';
import { contentSecurityPolicy } from '../security/csp.js';
import { isSealed } from '../threads/cursor-seal.ts';
import { errorMessage, requestLocale } from '../i18n/translate.ts';
import { serveThreadEvents, THREAD_EVENTS_PATH } from '../live/stream-server.ts';

/** Every request body is capped before anything parses it: forms and JSON need far less. */
export const BODY_LIMIT = 64 * 1024;
/** Staff publishing an article (up to 50 000 characters, sent as a form or JSON). */
export const ARTICLE_BODY_LIMIT = 1024 * 1024;
const ARTICLE_WRITES = /^\/(?:api\/v1\/mod\/articles(?:\/|$)|mod\/articles\/)/;

/**
 * A body over its limit is refused before it is read (413, in the reader's language, and the
 * connection closed so that the rest is not read either); a body of unstated length (chunked)
 * is refused too (411): browsers state it for every form and fetch.
 */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean {
  const length = req.headers['content-length'];
  const limit = ARTICLE_WRITES.test(path) ? ARTICLE_BODY_LIMIT : BODY_LIMIT;
  let status = 0;
  if (length === undefined) status = req.headers['transfer-encoding'] ? 411 : 0;
  else if (!/^\d+$/.test(length) || Number(length) > limit) status = 413;
  if (!status) return false;
  const code = status === 413 ? 'too_large' : 'length_required';
  const message = errorMessage(requestLocale(req.headers), code, { kb: limit / 1024 });
  const headers = { 'cache-control': 'no-store', connection: 'close', 'content-security-policy': "default-src 'none'", 'x-content-type-options': 'nosniff' };
  if (path.startsWith('/api/')) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code, message } }));
  } else {
    res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${message}\n`);
  }
  return true;
}

export const CLIENT_ADDRESS_HEADER = 'x-yilun-client-address';
const PAGE_METHODS = ['GET', 'HEAD', 'POST'];
const API_METHODS = [...PAGE_METHODS, 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The client's address, as configured: never longer than an IPv6 address, always an IP. */
export function clientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedProxies: number): string {
  const socket = (socketAddress ?? '').replace(/^::ffff:/, '');
  const chain = [
    ...String(forwardedFor ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    socket,
  ];
  const candidate = (chain[chain.length - 1 - trustedProxies] ?? chain[0] ?? '').replace(/^::ffff:/, '').slice(0, 45);
  return net.isIP(candidate) ? candidate : socket || 'unknown';
}

/**
 * Request headers that only the app sets (proxy.ts, the lines below), and the forwarded host,
 * which no proxy in front is asked to set (nginx passes the Host): never believed from a
 * client. The site's origin is YILUN_PUBLIC_URL, else the Host header.
 */
const APP_REQUEST_HEADERS = [CLIENT_ADDRESS_HEADER, 'x-nonce', 'x-return-to', 'content-security-policy', 'content-security-policy-report-only', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'];

const plain = (res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'", 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
};

type HeaderValue = string | number | readonly string[];

/**
 * Next sets some headers itself, replacing any set before it: this passes every value it sets
 * for `header` through `rewrite`, and sets `initial` now if given.
 */
function keepHeader(res: http.ServerResponse, header: string, rewrite: (value: HeaderValue) => HeaderValue, initial?: string) {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === header ? rewrite(value) : value);
  if (initial !== undefined) setHeader(header, initial);
}

/** What a page depends on beyond its URL: the session and language cookies, Accept-Language. */
const READER_VARY = ['Cookie', 'Accept-Language'];

/**
 * Every page and API answer varies by the reader (a cache in front must not hand one member's
 * page to another, or one language's to another): ours are merged into whatever Next sets.
 */
function varyOnReader(res: http.ServerResponse) {
  const merge = (value: HeaderValue) => {
    const have = (Array.isArray(value) ? value.join(',') : String(value)).split(',').map((s) => s.trim()).filter(Boolean);
    return [...have, ...READER_VARY.filter((v) => !have.some((h) => h.toLowerCase() === v.toLowerCase()))].join(', ');
  };
  keepHeader(res, 'vary', merge, READER_VARY.join(', '));
}

/**
 * An answer to a signed-in request is never for a shared cache, even when Next serves it
 * from its own (the members' shared thread page is cached as ISR, which Next marks
 * `s-maxage`): a cache in front must not hand it to the next reader of the address.
 */
const privateForMembers = (res: http.ServerResponse) =>
  keepHeader(res, 'cache-control', (value) => (/\b(?:public|s-maxage)\b/i.test(String(value)) ? 'private, no-store' : value));

const NOT_SHARED = 'private, no-store';

type HeadHook = (status: number, type: string, given: Record<string, unknown> | undefined) => void;

/** Runs `hook` when the status is written (explicitly or by the first write), before the headers go. */
function beforeHead(res: http.ServerResponse, hook: HeadHook) {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const given = rest.find((r) => r && typeof r === 'object' && !Array.isArray(r)) as Record<string, unknown> | undefined;
    const type = String(res.getHeader('content-type') ?? (given && Object.entries(given).find(([k]) => k.toLowerCase() === 'content-type')?.[1]) ?? '');
    hook(status, type, given);
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
}

const hasHeader = (res: http.ServerResponse, given: Record<string, unknown> | undefined, name: string) =>
  res.hasHeader(name) || (given !== undefined && Object.keys(given).some((k) => k.toLowerCase() === name));

/**
 * Every HTML answer carries a CSP, whichever route produced it: proxy.ts sets one with a nonce,
 * the cache one with its scripts; an answer that has none (Next answers some requests without
 * running proxy.ts) gets the policy that allows no script at all. Except Next's own 5xx shell,
 * which holds no one's text and draws app/global-error.tsx with its scripts (an outage's
 * "服务暂时不可用" would otherwise be a blank page).
 */
const alwaysPolicy = (res: http.ServerResponse) =>
  beforeHead(res, (status, type, given) => {
    if (status < 500 && /^text\/html\b/i.test(type) && !hasHeader(res, given, 'content-security-policy')) res.setHeader('content-security-policy', contentSecurityPolicy("'none'"));
  });

/**
 * For a request routed to a reader's cached page: what publicPageHeaders() says in
 * next.config.js when the answer is that page (200, HTML; or a 304 for it), else
 * `private, no-store` — decided when the status is written, whatever Next set before. An
 * address whose query is not the one the cache keys by (`shared` false: a made-up cursor, an
 * unknown sort) is served the same entry, never marked for shared caches.
 */
function publicForReaders(res: http.ServerResponse, shared: boolean) {
  beforeHead(res, (status, type, given) => {
    const page = shared && ((status === 200 && /^text\/html\b/i.test(type)) || status === 304);
    if (given) for (const k of Object.keys(given)) if (k.toLowerCase() === 'cache-control') delete given[k];
    res.setHeader('cache-control', page ? PUBLIC_CACHE_CONTROL : NOT_SHARED);
  });
}

/**
 * For a request not routed to a reader's page: a page or router payload is never public (Next
 * applies next.config.js's public header to requests its own rewrites route, and marks its ISR
 * answers `s-maxage`); nor is anything answered to a request carrying router headers. What the
 * app marks public on its own (feeds, a profile's JSON) stays so.
 */
function notSharedUnlessOurs(res: http.ServerResponse, router: boolean) {
  beforeHead(res, (status, type, given) => {
    const value = String(res.getHeader('cache-control') ?? (given && Object.entries(given).find(([k]) => k.toLowerCase() === 'cache-control')?.[1]) ?? '');
    if (!/\b(?:public|s-maxage)\b/i.test(value)) return;
    if (router || status >= 300 || /^text\/(?:html|x-component)\b/i.test(type)) {
      if (given) for (const k of Object.keys(given)) if (k.toLowerCase() === 'cache-control') delete given[k];
      res.setHeader('cache-control', NOT_SHARED);
    }
  });
}

/** Drops the session cookies from a request's Cookie header. */
const withoutSession = (cookie: string) =>
  cookie
    .split(/;\s*/)
    .filter((c) => !SESSION_COOKIES.some((name) => c.startsWith(`${name}=`)))
    .join('; ');

function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(/;\s*/)) if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  return undefined;
}

/**
 * Checks and normalizes a request in place. Returns false when it has been answered here.
 */
export async function frontDoor(req: http.IncomingMessage, res: http.ServerResponse, trustedProxies: number): Promise<boolean> {
  const url = req.url ?? '/';
  const path = url.split('?')[0];
  try {
    decodeURIComponent(path);
  } catch {
    plain(res, 400, '地址里有无效的 % 转义。\nBad request: the address has a malformed %-escape.\n');
    return false;
  }
  const allowed = path.startsWith('/api/') ? API_METHODS : PAGE_METHODS;
  if (!allowed.includes(req.method ?? '')) {
    plain(res, 405, `这个地址不接受 ${req.method} 请求。\nThis address does not take ${req.method} requests.\n`, { allow: allowed.join(', ') });
    return false;
  }
  if (refuseBody(req, res, path)) return false;
  if (isInternalPath(path)) {
    plain(res, 404, '没有这个页面。\nNot found.\n');
    return false;
  }
  for (const name of APP_REQUEST_HEADERS) delete req.headers[name];
  const cookie = req.headers.cookie;
  if (cookie && carriesSessionCookie(cookie) && !(await readSessionToken((name) => cookieValue(cookie, name)))) {
    const rest = withoutSession(cookie);
    if (rest) req.headers.cookie = rest;
    else delete req.headers.cookie;
  }
  if (!path.startsWith('/_next/static/')) {
    alwaysPolicy(res);
    varyOnReader(res);
    if (carriesSessionCookie(req.headers.cookie)) privateForMembers(res);
  }
  // A reader's page comes from the shared cache: its internal address is decided here, as the
  // rewrites in next.config.js would (they stay for `next dev`), with its public cache header.
  const cached = publicPagePath(req.method ?? '', url, req.headers, isSealed);
  if (cached) {
    req.url = cached + url.slice(path.length);
    publicForReaders(res, canonicalQuery(new URLSearchParams(url.slice(path.length + 1)), isSealed));
  } else if (!path.startsWith('/_next/static/')) notSharedUnlessOurs(res, routerRequest(req.headers, new URLSearchParams(url.slice(path.length + 1))));
  const address = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedProxies);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  if (trustedProxies === 0) {
    // Nothing in front: what a client says about forwarding is not believed.
    req.headers['x-forwarded-for'] = address;
    req.headers['x-forwarded-proto'] = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }
  // A thread's live stream is answered here, without Next (lib/live/stream-server.ts).
  const events = req.method === 'GET' ? THREAD_EVENTS_PATH.exec(path) : null;
  if (events) {
    await serveThreadEvents(req, res, events[1], address).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) plain(res, 500, '出错了。\nSomething went wrong.\n');
      else res.destroy();
    });
    return false;
  }
  return true;
}
