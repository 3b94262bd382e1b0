import type { NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { errorResponse, handle } from '@/lib/api/errors.ts';
import { notFoundError } from '@/lib/errors.ts';
import { announcements, eventsAfter, latestEventId, MAX_STREAMS_PER_ADDRESS, type ThreadEventRow } from '@/lib/live/thread-events.ts';
import { rateLimited } from '@/lib/rate-limit.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { getArticle } from '@/lib/threads/get-article.ts';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;
const open = (() => {
  const g = globalThis as unknown as { yilunOpenStreams?: Map<string, number> };
  return (g.yilunOpenStreams ??= new Map());
})();

/**
 * GET /api/v1/articles/{slug}/events — Server-Sent Events of a thread: `comment` (a visible
 * comment, new or back: { commentId, parentId? }), `removed` ({ commentId }), `likes`
 * ({ commentId, likeCount }, at most one a second per comment), `lock` ({ locked }), and
 * `resync` (events were missed: reload). Ids only: text is read the normal way. On
 * reconnection, Last-Event-ID replays what was missed within the replay window.
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
  const replay = given !== null && /^\d{1,18}$/.test(given);
  let last = replay ? BigInt(given) : await latestEventId(prisma, article.id);
  open.set(address, (open.get(address) ?? 0) + 1);

  const encoder = new TextEncoder();
  let closed = false;
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const sendEvent = (e: ThreadEventRow) => send(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify({ commentId: e.commentId, ...(e.data ?? {}) })}\n\n`);
      // One read at a time; news that arrives meanwhile makes one more read afterwards.
      let reading = false;
      let again = false;
      const read = async () => {
        if (reading) return void (again = true);
        reading = true;
        try {
          do {
            again = false;
            const { rows, gap } = await eventsAfter(prisma, article.id, last);
            if (gap) {
              last = await latestEventId(prisma, article.id);
              send(`id: ${last}\nevent: resync\ndata: {}\n\n`);
            } else {
              for (const e of rows) sendEvent(e);
              if (rows.length) last = BigInt(rows[rows.length - 1].id);
            }
          } while (again && !closed);
        } catch {
          // The database is away: the stream stays open; the next news or resync reads again.
        } finally {
          reading = false;
        }
      };
      const onArticle = (id: number) => {
        if (id === article.id) void read();
      };
      const onResync = () => void read();
      announcements().on('article', onArticle);
      announcements().on('resync', onResync);
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        announcements().off('article', onArticle);
        announcements().off('resync', onResync);
        const n = (open.get(address) ?? 1) - 1;
        if (n > 0) open.set(address, n);
        else open.delete(address);
        try {
          controller.close();
        } catch {}
      };
      req.signal.addEventListener('abort', cleanup);
      send('retry: 3000\n\n');
      if (replay) void read();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: no compression in between, which would hold events back.
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
});
