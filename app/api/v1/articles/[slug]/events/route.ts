import type { NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { errorResponse, handle } from '@/lib/api/errors.ts';
import { notFoundError } from '@/lib/errors.ts';
import { MAX_STREAMS_PER_ADDRESS } from '@/lib/live/thread-events.ts';
import { listen } from '@/lib/live/fanout.ts';
import { rateLimited } from '@/lib/rate-limit.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { getArticle } from '@/lib/threads/get-article.ts';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;
const HEARTBEAT = new TextEncoder().encode(': heartbeat\n\n');
const RETRY = new TextEncoder().encode('retry: 3000\n\n');
const open = (() => {
  const g = globalThis as unknown as { yilunOpenStreams?: Map<string, number> };
  return (g.yilunOpenStreams ??= new Map());
})();

/**
 * GET /api/v1/articles/{slug}/events — Server-Sent Events of a thread: `comment` (a visible
 * comment, new or back: { commentId, parentId? }), `removed` ({ commentId }), `likes`
 * ({ commentId, likeCount }, at most one a second per comment), `lock` ({ locked }), and
 * `resync` (events were missed: reload). Ids only: text is read the normal way. On
 * reconnection, Last-Event-ID replays what was missed within the replay window. Every stream
 * of an article in a process shares one read per announcement (lib/live/fanout.ts).
 */
export const GET = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/articles/[slug]/events'>) => {
  const { slug } = await ctx.params;
  const prisma = db();
  const article = await getArticle(prisma, slug);
  if (!article) throw notFoundError('article_not_found');
  const address = requestAddress(req.headers);
  if ((open.get(address) ?? 0) >= MAX_STREAMS_PER_ADDRESS) return errorResponse(rateLimited(30), req);
  // A malformed Last-Event-ID gets a fresh stream.
  const given = req.headers.get('last-event-id') ?? req.nextUrl.searchParams.get('lastEventId');
  const replayFrom = given !== null && /^\d{1,18}$/.test(given) ? BigInt(given) : null;
  open.set(address, (open.get(address) ?? 0) + 1);

  let closed = false;
  let cleanup = () => {};
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cleanup();
    },
  });
  const write = (chunk: Uint8Array) => {
    if (!closed) controller.enqueue(chunk);
  };
  write(RETRY);
  // The article's hub in this process reads once per announcement for every stream of it
  // (lib/live/fanout.ts). The stream joins it before the answer starts: a client that sees
  // the stream open hears everything after.
  const stop = await listen(prisma, article.id, { write }, replayFrom);
  const heartbeat = setInterval(() => write(HEARTBEAT), HEARTBEAT_MS);
  cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    stop();
    const n = (open.get(address) ?? 1) - 1;
    if (n > 0) open.set(address, n);
    else open.delete(address);
    try {
      controller.close();
    } catch {}
  };
  req.signal.addEventListener('abort', cleanup);
  if (req.signal.aborted) cleanup();
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: no compression in between, which would hold events back.
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
});
