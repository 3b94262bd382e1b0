// A refusal the member can act on: a status for the API, a code that the UI and the API
// translate (messages/*.json, errors.codes), optional per-field codes, and values to fill in.
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields?: Record<string, string>,
    readonly params?: Record<string, string | number>,
    readonly headers?: Record<string, string>,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

import { isBadValue } from './db/errors.ts';

/** A comment id as a path or body may carry it: a positive 32-bit integer, else no such comment. */
export function assertCommentId(id: unknown): asserts id is number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0 || id > 2 ** 31 - 1) throw notFoundError('comment_not_found');
}

/** The refusal an error stands for, or null for a fault of ours (which stays a 500). */
export function asRefusal(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  // A value the database cannot hold, or a malformed %-escape in a path: the client's mistake.
  if (isBadValue(err) || err instanceof URIError) return new DomainError(400, 'bad_request');
  return null;
}

/**
 * What a page does with a refusal it shows rather than throws: the value, or the refusal (as
 * `[null, refusal]`); a fault of ours is thrown as before.
 */
export async function settle<T>(attempt: Promise<T>): Promise<[T, null] | [null, DomainError]> {
  try {
    return [await attempt, null];
  } catch (err) {
    const refusal = asRefusal(err);
    if (!refusal) throw err;
    return [null, refusal];
  }
}

export const notFoundError = (code = 'not_found') => new DomainError(404, code);
export const invalid = (fields: Record<string, string>, params?: Record<string, string | number>) =>
  new DomainError(422, 'invalid', fields, params);
