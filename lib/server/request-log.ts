// Every request gets an id (kept from a trusted proxy's X-Request-Id, else made here),
// returned in X-Request-Id and passed to the app, and one log line when it ends: method,
// path (never the query string, which may carry tokens), status and duration.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type pino from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_ID = /^[\w.:-]{8,128}$/;

export function requestId(req: http.IncomingMessage, trustedProxies: number): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return trustedProxies > 0 && typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
}

export function logRequests(logger: pino.Logger, req: http.IncomingMessage, res: http.ServerResponse, trustedProxies: number) {
  const started = process.hrtime.bigint();
  const id = requestId(req, trustedProxies);
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader('X-Request-Id', id);
  // The address asked for (the front door may hand Next an internal one).
  const path = (req.url ?? '').split('?')[0].slice(0, 300);
  res.once('close', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = { reqId: id, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, ...(res.writableFinished ? {} : { aborted: true }) };
    if (res.statusCode >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  });
  return id;
}
