import type { NextRequest } from 'next/server';
import { currentMember, currentSession, memberOfSession } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { announcements } from '@/lib/live/thread-events.ts';
import { queueCounts } from '@/lib/moderation/queue.ts';
import { assertCan, can } from '@/lib/policy.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/mod/events[?article=SLUG] — for staff, Server-Sent Events of the moderation
 * queue: `counts` { all: { reported, held, hidden, removed }, scope } at once and whenever a
 * report, a held comment or a decision changes them (at most once a second), from any
 * instance. `scope` is one thread's counts when `article` is given, else the same as `all`.
 * The staff role is checked again before every count: when it is gone, an `ended` event
 * closes the stream (and a reconnection is refused with 403).
 */
export const GET = handle(async (req: NextRequest) => {
  assertCan(await currentMember(), 'mod:queue');
  const session = await currentSession();
  const prisma = db();
  const article = req.nextUrl.searchParams.get('article') || undefined;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let timer: NodeJS.Timeout | null = null;
      let last = '';
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const count = async () => {
        try {
          // The role is checked again before every count: a moderator demoted, suspended or
          // signed out meanwhile hears nothing more, and the stream ends.
          if (!can(await memberOfSession(session), 'mod:queue')) {
            send('event: ended\ndata: {"reason":"forbidden"}\n\n');
            cleanup();
            return;
          }
          const [all, scope] = await Promise.all([queueCounts(prisma), article ? queueCounts(prisma, article) : null]);
          const counts = JSON.stringify({ all, scope: scope ?? all });
          if (counts !== last) send(`event: counts\ndata: ${counts}\n\n`);
          last = counts;
        } catch {
          // The database is away: the next change counts again.
        }
      };
      // Changes are counted at most once a second.
      const onQueue = () => {
        timer ??= setTimeout(() => {
          timer = null;
          void count();
        }, 1_000);
      };
      announcements().on('queue', onQueue);
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), 15_000);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        if (timer) clearTimeout(timer);
        announcements().off('queue', onQueue);
        try {
          controller.close();
        } catch {}
      };
      req.signal.addEventListener('abort', cleanup);
      send('retry: 5000\n\n');
      void count();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' } });
});
