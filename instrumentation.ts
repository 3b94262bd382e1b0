// Server errors, logged once each with the request's id, digest and stack (the digest is what
// the error page shows the reader, so that a report can be matched to its log line).
import type { Instrumentation } from 'next';

export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  const { logger } = await import('./lib/log.ts');
  const e = err instanceof Error ? err : new Error(String(err));
  logger.error(
    {
      reqId: request.headers['x-request-id'] ?? null,
      method: request.method,
      path: request.path.split('?')[0],
      digest: typeof err === 'object' && err !== null && 'digest' in err ? String((err as { digest: unknown }).digest) : null,
      routePath: context.routePath,
      routeType: context.routeType,
      err: { type: e.name, message: e.message, stack: e.stack },
    },
    'request failed',
  );
};

/**
 * At start: the mail worker of this process (lib/mail/outbox.ts) and its notification sweep
 * (lib/mail/notification-mail.ts), and like deltas a stopped process left unfolded (it stopped within a second of a
 * like) are folded into the counts (lib/likes/like-counts.ts).
 */
export async function register() {
  // (Yilun runs in Node.js alone: no route or proxy of its runs on the edge runtime.)
  const [{ likeCounted }, { db }, { startMailer }, { startNotificationMail }, { logger }] = await Promise.all([
    import('./lib/likes/like-counts.ts'),
    import('./lib/db/client.ts'),
    import('./lib/mail/outbox.ts'),
    import('./lib/mail/notification-mail.ts'),
    import('./lib/log.ts'),
  ]);
  likeCounted(db());
  startMailer(db());
  startNotificationMail(db(), (err) => logger.warn({ err: { message: (err as Error).message } }, 'notification mail: the sweep failed; trying again in a minute'));
}
