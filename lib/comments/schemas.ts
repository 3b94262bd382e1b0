// Comment input as the server checks it (the rules themselves are in rules.ts, which the
// comment form shares without loading zod).
import { z } from 'zod';
import { COMMENT_MAX, FORBIDDEN_CONTROL, normalizeBody } from './rules.ts';
import { hasVisibleText } from '../text/visible.ts';

export const bodySchema = z
  .string({ error: 'body_required' })
  .transform(normalizeBody)
  .refine((s) => s.length > 0, 'body_empty')
  .refine(hasVisibleText, 'body_invisible')
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
