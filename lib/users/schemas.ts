// Account rules, shared by the sign-up form (client) and the server.
import { z } from 'zod';
import { hasVisibleText } from '../text/visible.ts';

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const length = (s: string) => [...s].length;

export const usernameSchema = z
  .string({ error: 'username_required' })
  .trim()
  .refine((s) => length(s) >= 3 && length(s) <= 32, 'username_length')
  // Letters of any script, but the digits 0–9 only: digits of other scripts (١٢) look like
  // letters or other digits.
  .refine((s) => /^[\p{L}0-9_]+$/u.test(s), 'username_chars');

// Bidi controls (U+202E turns the rest of a line around) and other invisible format
// characters are dropped from display names, not refused: they are never meant.
export const displayNameSchema = z
  .string()
  .transform((s) => s.replace(/\p{Cf}/gu, ''))
  .transform((s) => s.trim())
  .refine((s) => length(s) >= 1 && length(s) <= 32, 'display_name_length')
  .refine((s) => !CONTROL.test(s), 'display_name_chars')
  .refine(hasVisibleText, 'display_name_invisible');

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

/**
 * An e-mail address: full-width forms folded (ｎａｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ), trimmed, at most
 * 254 characters (RFC 5321). `emailKey` is what uniqueness and look-ups compare.
 */
export const emailSchema = z
  .string()
  .transform((s) => s.normalize('NFKC').trim())
  .pipe(z.email({ error: 'email_invalid' }).max(254, { error: 'email_invalid' }));

export const emailKey = (email: string): string => email.normalize('NFKC').trim().toLowerCase();
