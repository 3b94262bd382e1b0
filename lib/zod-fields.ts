import type { ZodError } from 'zod';

/** A ZodError as { field: code }, the first problem of each field. */
export function fieldCodes(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.code === 'custom' || issue.message.match(/^[a-z_]+$/) ? issue.message : 'invalid';
  }
  return fields;
}
