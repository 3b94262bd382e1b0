// Account rules, shared by the sign-up form (client) and the server.
import { z } from 'zod';

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const length = (s: string) => [...s].length;

export const usernameSchema = z
  .string({ error: 'username_required' })
  .trim()
  .refine((s) => length(s) >= 3 && length(s) <= 32, 'username_length')
  .refine((s) => /^[\p{L}\p{Nd}_]+$/u.test(s), 'username_chars');

export const displayNameSchema = z
  .string()
  .trim()
  .refine((s) => length(s) >= 1 && length(s) <= 32, 'display_name_length')
  .refine((s) => !CONTROL.test(s), 'display_name_chars');

export const passwordSchema = z
  .string({ error: 'password_required' })
  .refine((s) => length(s) >= 8, 'password_short')
  .refine((s) => length(s) <= 128, 'password_long');

export const signUpSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  displayName: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), displayNameSchema.optional()),
});
export type SignUpInput = z.input<typeof signUpSchema>;
