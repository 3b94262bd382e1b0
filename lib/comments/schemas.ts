// Comment rules, shared by the comment form (client, for the live count) and the server.
import { z } from 'zod';

export const COMMENT_MAX = 2_000;
// Control characters other than newline and tab are refused (they hide or reorder text);
// everything else a member can type round-trips exactly.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** What is stored: line endings as \n, surrounding white space trimmed. */
export function normalizeBody(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

export const commentLength = (body: string) => [...normalizeBody(body)].length;

export const bodySchema = z
  .string({ error: 'body_required' })
  .transform(normalizeBody)
  .refine((s) => s.length > 0, 'body_empty')
  .refine((s) => [...s].length <= COMMENT_MAX, 'body_too_long')
  .refine((s) => !FORBIDDEN_CONTROL.test(s), 'body_control_chars');

export const newCommentSchema = z.object({
  body: bodySchema,
  parentId: z.preprocess(
    (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
    z.number({ error: 'parent_invalid' }).int('parent_invalid').positive('parent_invalid').max(2 ** 31 - 1, 'parent_invalid').optional(),
  ),
});

export const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7E]+$/);
