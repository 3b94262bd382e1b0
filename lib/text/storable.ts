/**
 * Can PostgreSQL hold this text at all? Its text type has no NUL character, so a lookup by a
 * string with one can only be "not found" (asking would be an error, not an answer).
 */
export const storable = (value: string): boolean => !value.includes('\u0000');
