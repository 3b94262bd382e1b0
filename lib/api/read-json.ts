import { DomainError } from '../errors.ts';

/** The request's JSON body, which must be an object; anything else is a 400. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const input: unknown = await req.json().catch(() => null);
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new DomainError(400, 'bad_request');
  return input as Record<string, unknown>;
}
