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

export const unauthenticated = () => new DomainError(401, 'unauthenticated');
export const forbidden = (code = 'forbidden') => new DomainError(403, code);
export const notFoundError = (code = 'not_found') => new DomainError(404, code);
export const invalid = (fields: Record<string, string>, params?: Record<string, string | number>) =>
  new DomainError(422, 'invalid', fields, params);
