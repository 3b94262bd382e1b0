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

/**
 * Is this PostgreSQL refusing a value (SQLSTATE class 22: a NUL byte in text, a number out of
 * range, an impossible date)? Input that reaches the database like that is the client's
 * mistake: a 400, never a 500.
 */
export function isBadValue(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  // Prisma with the pg adapter: meta.driverAdapterError.cause.originalCode is the SQLSTATE.
  const e = err as { code?: unknown; originalCode?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown }; cause?: unknown };
  for (const code of [e.code, e.originalCode, e.meta?.code]) if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
  return isBadValue(e.cause, depth + 1) || isBadValue(e.meta?.driverAdapterError, depth + 1);
}

/** Did a unique index refuse the row (Prisma's P2002, or SQLSTATE 23505 from a raw query)? */
export function isUniqueViolation(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
  if (e.code === 'P2002' || e.code === '23505' || e.originalCode === '23505') return true;
  return isUniqueViolation(e.meta?.driverAdapterError, depth + 1) || isUniqueViolation(e.cause, depth + 1);
}

/** Was the statement cancelled by its statement_timeout (SQLSTATE 57014)? */
export function isStatementTimeout(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
  if (e.code === '57014' || e.originalCode === '57014') return true;
  return isStatementTimeout(e.meta?.driverAdapterError, depth + 1) || isStatementTimeout(e.cause, depth + 1);
}
