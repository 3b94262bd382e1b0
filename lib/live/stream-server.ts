// A thread's live stream, served by the front door itself (lib/server/front-door.ts) rather
// than by a Next route handler: an open stream is then a socket and a few closures (a Next
// route handler's web streams and request objects held about 130 kB each, measured with 5 000
// streams in `npm run bench`). The stream is the same as the route's
// (app/api/v1/articles/[slug]/events/route.ts, which `next dev` still uses): one hub per
// article per process (lib/live/fanout.ts), the same per-address limit, heartbeats and replay.
import type http from 'node:http';
import { plausibleSlug, visibleArticle } from '../articles/visibility.ts';
import { db } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { errorMessage, requestLocale } from '../i18n/translate.ts';
import { API_POLICY, SECURITY_HEADERS } from '../security/csp.js';
import { listen } from './fanout.ts';
import { MAX_STREAMS_PER_ADDRESS } from './thread-events.ts';

/** The address of a thread's stream: its slug, still %-encoded. */
export const THREAD_EVENTS_PATH = /^\/api\/v1\/articles\/([^/]+)\/events$/;

export const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();
export const HEARTBEAT = encoder.encode(': heartbeat\n\n');
export const RETRY = encoder.encode('retry: 3000\n\n');

/** The headers of a stream: never buffered, never transformed, never kept by a cache. */
export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

/** Open streams per client address in this process, whichever server holds them. */
function openStreams(): Map<string, number> {
  const g = globalThis as unknown as { yilunOpenStreams?: Map<string, number> };
  return (g.yilunOpenStreams ??= new Map());
}

/** Takes a place for a stream from `address`; false when its places are all taken. */
export function reserveStream(address: string): boolean {
  const open = openStreams();
  if ((open.get(address) ?? 0) >= MAX_STREAMS_PER_ADDRESS) return false;
  open.set(address, (open.get(address) ?? 0) + 1);
  return true;
}

export function releaseStream(address: string): void {
  const open = openStreams();
  const n = (open.get(address) ?? 1) - 1;
  if (n > 0) open.set(address, n);
  else open.delete(address);
}

/** A Last-Event-ID to replay from, or null for a fresh stream (a malformed one is fresh too). */
export function replayPoint(given: string | null | undefined): bigint | null {
  return given != null && /^\d{1,18}$/.test(given) ? BigInt(given) : null;
}

/** The headers every answer of the JSON API carries (as next.config.js sets them on Next's). */
const API_HEADERS = { ...SECURITY_HEADERS, 'Content-Security-Policy': API_POLICY };

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, code: string, params?: Record<string, number>, headers: Record<string, string> = {}) {
  const locale = requestLocale(req.headers);
  res.writeHead(status, { ...API_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify({ error: { code, message: errorMessage(locale, code, params), ...(params ? { params } : {}) } }));
}

/** GET /api/v1/articles/{slug}/events, answered here: the same stream and contract as the route's. */
export async function serveThreadEvents(req: http.IncomingMessage, res: http.ServerResponse, encodedSlug: string, address: string): Promise<void> {
  let slug: string;
  try {
    slug = decodeURIComponent(encodedSlug);
  } catch {
    return refuse(req, res, 404, 'article_not_found');
  }
  const prisma = db();
  let article: { id: number } | null = null;
  try {
    article = !plausibleSlug(slug) ? null : await prisma.article.findUnique({ where: { slug, ...visibleArticle() }, select: { id: true } });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return refuse(req, res, 503, 'unavailable', undefined, { 'Retry-After': '5' });
    throw err;
  }
  if (!article) return refuse(req, res, 404, 'article_not_found');
  if (!reserveStream(address)) return refuse(req, res, 429, 'rate_limited', { seconds: 30 }, { 'Retry-After': '30' });
  let closed = false;
  let stop = () => {};
  let heartbeat: NodeJS.Timeout | null = null;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    stop();
    releaseStream(address);
  };
  res.on('close', cleanup);
  // The stream joins its hub before the answer starts (what the hub replays meanwhile waits
  // here): a client that sees the stream open hears everything after.
  const early: Uint8Array[] = [];
  let started = false;
  const write = (chunk: Uint8Array) => {
    if (closed) return;
    if (started) res.write(chunk);
    else early.push(chunk);
  };
  const given = (req.headers['last-event-id'] as string | undefined) ?? new URL(req.url ?? '/', 'http://x').searchParams.get('lastEventId');
  const leave = await listen(prisma, article.id, { write }, replayPoint(given));
  if (closed) return leave();
  stop = leave;
  res.writeHead(200, { ...API_HEADERS, ...STREAM_HEADERS });
  res.write(RETRY);
  for (const chunk of early) res.write(chunk);
  started = true;
  heartbeat = setInterval(() => write(HEARTBEAT), HEARTBEAT_MS);
  heartbeat.unref();
}
