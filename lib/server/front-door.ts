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
// - Cache-Control, Vary and the CSP of last resort: decided here for every answer but a static
//   file's, and held to by the response itself (lib/server/response.ts). Only an answer routed
//   here to a reader's cached page, 200 with an HTML body, is public (issue 19: a prefetch
//   answered `{}` and marked public was cached by nginx for every reader). Anything else routed
//   there is `private, no-store`; a signed-in answer is never public.
// - A thread's live stream (GET /api/v1/articles/SLUG/events) is answered here, not by Next.
import net from 'node:net';
import type http from 'node:http';
import { canonicalQuery, carriesSessionCookie, EMBED_PATH, EMBED_THREAD_PATH, isInternalPath, publicPagePath, ROUTER_TREE_HEADER, routerRequest, routerTree, SESSION_COOKIES } from '../cache/public-pages.js';
import { readSessionToken } from '../auth/session-token.ts';
import { isSealed } from '../threads/cursor-seal.ts';
import { errorMessage, requestLocale } from '../i18n/translate.ts';
import { serveThreadEvents, THREAD_EVENTS_PATH } from '../live/stream-server.ts';
import type { YilunResponse } from './response.ts';
import { db } from '../db/client.ts';
import { siteById } from '../embed/site-lookup.ts';

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
const APP_REQUEST_HEADERS = [CLIENT_ADDRESS_HEADER, ROUTER_TREE_HEADER, 'x-nonce', 'x-return-to', 'content-security-policy', 'content-security-policy-report-only', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'];

const plain = (res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'", 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
};

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
 * Who may frame the answer: for the embed's thread pages its site's origins; for its resolver,
 * which answers with a redirect or a refusal the admin must be able to read in the frame, any
 * page; for everything else nobody (undefined: the CSP's own `frame-ancestors 'none'`).
 */
async function frameAncestors(path: string): Promise<readonly string[] | undefined> {
  const embed = EMBED_PATH.exec(path);
  if (!embed) return undefined;
  if (!EMBED_THREAD_PATH.test(path)) return ['*'];
  return (await siteById(db(), embed[1]).catch(() => undefined))?.origins ?? ['*'];
}

/**
 * Checks and normalizes a request in place. Returns false when it has been answered here.
 */
export async function frontDoor(req: http.IncomingMessage, res: YilunResponse, trustedProxies: number): Promise<boolean> {
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
  // Which page a router request comes from, for proxy.ts, which does not get the router's own
  // headers (lib/cache/member-shell.ts).
  const tree = routerTree((name) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  });
  if (tree) req.headers[ROUTER_TREE_HEADER] = tree;
  const cookie = req.headers.cookie;
  if (cookie && carriesSessionCookie(cookie) && !(await readSessionToken((name) => cookieValue(cookie, name)))) {
    const rest = withoutSession(cookie);
    if (rest) req.headers.cookie = rest;
    else delete req.headers.cookie;
  }
  // A reader's page comes from the shared cache: its internal address is decided here, as the
  // rewrites in next.config.js would (they stay for `next dev`), and so are the headers of
  // every answer but a static file's (lib/server/response.ts holds to them whatever Next sets).
  const cached = publicPagePath(req.method ?? '', url, req.headers, isSealed);
  const query = new URLSearchParams(url.slice(path.length + 1));
  if (cached) req.url = cached + url.slice(path.length);
  if (!path.startsWith('/_next/static/')) {
    res.policy = {
      varyOnReader: true,
      signedIn: carriesSessionCookie(req.headers.cookie),
      readerPage: cached ? { canonical: canonicalQuery(query, isSealed) } : null,
      router: routerRequest(req.headers, query),
      cspFallback: true,
      frameAncestors: await frameAncestors(path),
    };
  }
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
