// Opaque keyset cursors: base64url JSON of the last row's sort key, sealed with a MAC
// (lib/threads/cursor-seal.ts). A cursor that was not handed out here, or does not decode to
// the expected shape, is refused, never guessed at.
import { z } from 'zod';
import { seal, unseal } from './cursor-seal.ts';

export class BadCursorError extends Error {
  constructor() {
    super('The cursor is not valid; start again from the first page.');
    this.name = 'BadCursorError';
  }
}

export function encodeCursor(value: unknown): string {
  return seal(Buffer.from(JSON.stringify(value), 'utf8').toString('base64url'));
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new BadCursorError();
    const payload = unseal(cursor);
    if (payload === null) throw new BadCursorError();
    const parsed = schema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) throw new BadCursorError();
    return parsed.data;
  } catch {
    throw new BadCursorError();
  }
}

// Cursor values are checked against what the columns can hold, so that a forged cursor is a
// bad cursor and never a database error.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);
export const zInstant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() >= EARLIEST && d.getTime() <= LATEST);
export const zId = z.number().int().positive().max(2 ** 31 - 1);
/** A counter column (like counts, report counts): a 32-bit integer. */
export const zCount = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);

/**
 * Loads a page by cursor; a stale or mangled cursor in a page URL shows the first page
 * instead of an error. `firstPage` says which one was shown.
 */
export async function loadOrFirstPage<T>(cursor: string | null, load: (cursor: string | null) => Promise<T>): Promise<T & { firstPage: boolean }> {
  try {
    return { ...(await load(cursor)), firstPage: !cursor };
  } catch (err) {
    if (!(err instanceof BadCursorError)) throw err;
    return { ...(await load(null)), firstPage: true };
  }
}
