// Route handlers map every failure to one JSON shape, in one place:
// { "error": { "code", "message", "fields"? } }. Nothing internal ever leaks.
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { BadCursorError } from '../threads/cursor.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);

export function errorResponse(err: unknown): NextResponse {
  const body = (status: number, code: string, message: string, fields?: Record<string, string>, headers?: Record<string, string>) =>
    NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers });
  if (err instanceof ApiError) return body(err.status, err.code, err.message, err.fields, err.headers);
  if (err instanceof BadCursorError) return body(400, 'bad_cursor', err.message, { cursor: err.message });
  if (err instanceof ZodError) {
    const fields = Object.fromEntries(err.issues.map((i) => [i.path.join('.') || '_', i.message]));
    return body(400, 'bad_request', 'The request is not valid.', fields);
  }
  if (isDatabaseUnavailable(err)) {
    return body(503, 'unavailable', 'The service is temporarily unavailable. Please try again shortly.', undefined, { 'Retry-After': '5' });
  }
  console.error(err);
  return body(500, 'internal', 'Something went wrong on our side.');
}

/** Wraps a route handler so that any throw becomes the JSON error shape. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
