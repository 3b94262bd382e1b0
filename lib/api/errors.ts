// Route handlers map every failure to one JSON shape, in one place:
// { "error": { "code", "message", "fields"? } }, messages in the reader's language.
// Nothing internal ever leaks.
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { asRefusal } from '../errors.ts';
import { BadCursorError } from '../threads/cursor.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { errorMessage, fieldMessages, requestLocale } from '../i18n/translate.ts';
import { fieldCodes } from '../zod-fields.ts';

export function errorResponse(err: unknown, req?: Request): NextResponse {
  const locale = requestLocale(req?.headers ?? new Headers());
  const body = (status: number, code: string, opts: { fields?: Record<string, string>; params?: Record<string, string | number>; headers?: Record<string, string> } = {}) => {
    const fields = fieldMessages(locale, opts.fields, opts.params);
    return NextResponse.json(
      { error: { code, message: errorMessage(locale, code, opts.params), ...(fields ? { fields } : {}), ...(opts.params ? { params: opts.params } : {}) } },
      { status, headers: opts.headers },
    );
  };
  const refusal = asRefusal(err);
  if (refusal) return body(refusal.status, refusal.code, refusal);
  if (err instanceof BadCursorError) return body(400, 'bad_cursor', { fields: { cursor: 'invalid' } });
  if (err instanceof ZodError) return body(400, 'bad_request', { fields: fieldCodes(err) });
  if (isDatabaseUnavailable(err)) return body(503, 'unavailable', { headers: { 'Retry-After': '5' } });
  console.error(err);
  return body(500, 'internal');
}

/** Wraps a route handler so that any throw becomes the JSON error shape. */
export function handle<A extends [Request, ...unknown[]]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err, args[0]);
    }
  };
}
