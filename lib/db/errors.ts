// Is this error the database being out of reach (down, restarting, refusing connections),
// rather than a bug? Such errors become a 503, and the pool reconnects by itself.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'P1001', 'P1002', 'P1017',
]);
const CONNECTION_MESSAGES = /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection|Can't reach database server|DatabaseNotReachable|Client has encountered a connection error/i;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errorCode?: unknown };
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  if (typeof e.errorCode === 'string' && CONNECTION_CODES.has(e.errorCode)) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** An error as Prisma with the pg adapter wraps PostgreSQL's: the SQLSTATE may sit on it or in meta.driverAdapterError.cause.originalCode. */
type Wrapped = { code?: unknown; originalCode?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown }; cause?: unknown };

/** Does the error, or one it wraps (its cause, Prisma's driver adapter error), pass the test? */
function anyWrapped(err: unknown, test: (e: Wrapped) => boolean, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as Wrapped;
  return test(e) || anyWrapped(e.cause, test, depth + 1) || anyWrapped(e.meta?.driverAdapterError, test, depth + 1);
}

/**
 * Is this PostgreSQL refusing a value (SQLSTATE class 22: a NUL byte in text, a number out of
 * range, an impossible date)? Input that reaches the database like that is the client's
 * mistake: a 400, never a 500.
 */
export const isBadValue = (err: unknown): boolean =>
  anyWrapped(err, (e) => [e.code, e.originalCode, e.meta?.code].some((code) => typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)));

/** Did a unique index refuse the row (Prisma's P2002, or SQLSTATE 23505 from a raw query)? */
export const isUniqueViolation = (err: unknown): boolean => anyWrapped(err, (e) => e.code === 'P2002' || e.code === '23505' || e.originalCode === '23505');

/** Was the statement cancelled by its statement_timeout (SQLSTATE 57014)? */
export const isStatementTimeout = (err: unknown): boolean => anyWrapped(err, (e) => e.code === '57014' || e.originalCode === '57014');
