import type { NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { errorResponse, handle } from '@/lib/api/errors.ts';
import { notFoundError } from '@/lib/errors.ts';
import { listen } from '@/lib/live/fanout.ts';
import { HEARTBEAT, HEARTBEAT_MS, releaseStream, replayPoint, reserveStream, RETRY, STREAM_HEADERS } from '@/lib/live/stream-server.ts';
import { rateLimited } from '@/lib/rate-limit.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { getArticle } from '@/lib/threads/get-article.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/articles/{slug}/events — Server-Sent Events of a thread: `comment` (a visible
 * comment, new or back: { commentId, parentId? }), `removed` ({ commentId }), `likes`
 * ({ commentId, likeCount }, at most one a second per comment), `lock` ({ locked }), and
 * `resync` (events were missed: reload). Ids only: text is read the normal way. On
 * reconnection, Last-Event-ID replays what was missed within the replay window. Every stream
 * of an article in a process shares one read per announcement (lib/live/fanout.ts).
 *
 * Under `npm start` the front door answers this address itself (lib/live/stream-server.ts,
 * the same stream for a fraction of the memory); this route serves `next dev`.
 */
export const GET = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/articles/[slug]/events'>) => {
  const { slug } = await ctx.params;
  const prisma = db();
  const article = await getArticle(prisma, slug);
  if (!article) throw notFoundError('article_not_found');
  const address = requestAddress(req.headers);
  if (!reserveStream(address)) return errorResponse(rateLimited(30), req);
  const replayFrom = replayPoint(req.headers.get('last-event-id') ?? req.nextUrl.searchParams.get('lastEventId'));

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
  // The stream joins its article's hub before the answer starts: a client that sees the
  // stream open hears everything after.
  const stop = await listen(prisma, article.id, { write }, replayFrom);
  const heartbeat = setInterval(() => write(HEARTBEAT), HEARTBEAT_MS);
  cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    stop();
    releaseStream(address);
    try {
      controller.close();
    } catch {}
  };
  req.signal.addEventListener('abort', cleanup);
  if (req.signal.aborted) cleanup();
  return new Response(stream, { headers: STREAM_HEADERS });
});
