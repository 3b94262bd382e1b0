import 'server-only';
import { getLocale } from 'next-intl/server';
import { asRefusal } from '../errors.ts';
import { errorMessage, fieldMessage } from '../i18n/translate.ts';
import type { Locale } from '@/i18n/locales.ts';

/** What a small form shows after a try: done, or the refusal, with what was typed. */
export interface FormState {
  ok?: boolean;
  message?: string;
  /** The field the refusal names (focus goes there). */
  field?: string;
  values?: Record<string, string>;
  /** After success, what to show besides the form's `done` (a link made for the moderator to copy). */
  detail?: string;
}

/**
 * Runs one step of a form; a refusal becomes a message in the member's language, and what
 * they typed comes back with it — except passwords, which are never sent back to a page.
 */
export async function attempt(form: FormData, fn: () => Promise<unknown>): Promise<FormState> {
  const values = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === 'string' && !k.startsWith('$') && !/password/i.test(k)).map(([k, v]) => [k, v as string]),
  );
  try {
    const result = await fn();
    const detail = result && typeof result === 'object' && typeof (result as { detail?: unknown }).detail === 'string' ? (result as { detail: string }).detail : undefined;
    return { ok: true, values, ...(detail ? { detail } : {}) };
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    const locale = (await getLocale()) as Locale;
    const [field, code] = (err.fields && Object.entries(err.fields)[0]) ?? [];
    return { ok: false, message: code ? fieldMessage(locale, code, err.params) : errorMessage(locale, err.code, err.params), field, values };
  }
}
