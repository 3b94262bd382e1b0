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
import net from 'node:net';
import type http from 'node:http';
import { carriesSessionCookie, PUBLIC_CACHE_CONTROL, publicPagePath } from '../cache/public-pages.js';

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

const plain = (res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
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

/** What publicPageHeaders() says in next.config.js, for the pages the front door routes. */
const publicForReaders = (res: http.ServerResponse) => keepHeader(res, 'cache-control', () => PUBLIC_CACHE_CONTROL, PUBLIC_CACHE_CONTROL);

/**
 * Checks and normalizes a request in place. Returns false when it has been answered here.
 */
export function frontDoor(req: http.IncomingMessage, res: http.ServerResponse, trustedProxies: number): boolean {
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
  if (!path.startsWith('/_next/static/')) {
    varyOnReader(res);
    if (carriesSessionCookie(req.headers.cookie)) privateForMembers(res);
  }
  // A reader's page comes from the shared cache: its internal address is decided here, as the
  // rewrites in next.config.js would (they stay for `next dev`), with its public cache header.
  const cached = publicPagePath(req.method ?? '', url, req.headers);
  if (cached) {
    req.url = cached + url.slice(path.length);
    publicForReaders(res);
  }
  const address = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedProxies);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  if (trustedProxies === 0) {
    // Nothing in front: what a client says about forwarding is not believed.
    req.headers['x-forwarded-for'] = address;
    req.headers['x-forwarded-proto'] = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }
  return true;
}
