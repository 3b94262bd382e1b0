'use server';

import { formText } from '@/lib/form-text.ts';
import { AuthError } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { signIn, signOut } from '@/auth.ts';
import { currentMember, currentSession } from '@/lib/auth/current-member.ts';
import { endEverySession, endSession } from '@/lib/auth/end-session.ts';
import { signInRetryAfter } from '@/lib/auth/verify-credentials.ts';
import { DEVICE_COOKIE } from '@/lib/auth/sign-in-limits.ts';
import { db } from '@/lib/db/client.ts';
import { asRefusal } from '@/lib/errors.ts';
import { describeRefusal, errorMessage } from '@/lib/i18n/translate.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { safeReturnPath, signInReturnPath, signOutReturnPath } from '@/lib/safe-return.ts';
import { createUser } from '@/lib/users/create-user.ts';
import { parseEmail, sendVerification } from '@/lib/users/email.ts';
import { requestPasswordReset, resetPassword } from '@/lib/users/password-reset.ts';
import { siteOrigin } from '@/lib/feeds/site-url.ts';
import { logger } from '@/lib/log.ts';
import { redirect, unstable_rethrow } from 'next/navigation';
import { configuredProviders } from '@/lib/auth/identities.ts';
import { getLocale } from 'next-intl/server';
import type { Locale } from '@/i18n/locales.ts';

export interface AuthFormState {
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}


async function signInWith(username: string, password: string, returnTo: string, locale: Locale): Promise<AuthFormState | never> {
  try {
    await signIn('credentials', { username, password, redirectTo: returnTo });
    return {};
  } catch (err) {
    // A successful sign-in throws Next's redirect: let it through.
    if (!(err instanceof AuthError)) throw err;
    if ((err as AuthError & { code?: string }).code === 'rate_limited') {
      const seconds = await signInRetryAfter(db(), username, requestAddress(await headers()), (await cookies()).get(DEVICE_COOKIE)?.value ?? null);
      return { message: errorMessage(locale, 'rate_limited', { seconds: Math.max(1, seconds) }) };
    }
    if ((err as AuthError & { code?: string }).code === 'banned_sign_in') return { message: errorMessage(locale, 'banned_sign_in') };
    return { message: errorMessage(locale, 'credentials') };
  }
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const locale = (await getLocale()) as Locale;
  const values = { username: formText(form, 'username'), returnTo: formText(form, 'returnTo') };
  const state = await signInWith(values.username, formText(form, 'password'), safeReturnPath(values.returnTo), locale);
  return { ...state, values };
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const locale = (await getLocale()) as Locale;
  const values = {
    username: formText(form, 'username'),
    displayName: formText(form, 'displayName'),
    password: formText(form, 'password'),
    email: formText(form, 'email'),
    returnTo: formText(form, 'returnTo'),
  };
  let created: { id: number };
  let email: string | null = null;
  try {
    // A bad address is refused before anything is stored.
    if (values.email.trim()) email = parseEmail(values.email);
    created = await createUser(db(), values, { address: requestAddress(await headers()) });
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return { ...describeRefusal(locale, err), values };
  }
  // Mail to the member is written in the language they signed up in (set-locale.ts follows changes).
  await db().$executeRaw`UPDATE users SET locale = ${locale} WHERE id = ${created.id}`;
  if (email) {
    // The account is made either way; a link that could not be queued can be asked for again in settings.
    await sendVerification(db(), created.id, email, { locale, origin: await siteOrigin() }).catch((err) =>
      logger.warn({ err: { message: (err as Error).message } }, 'sign-up: the verification link was not queued'),
    );
  }
  return { ...(await signInWith(values.username, values.password, safeReturnPath(values.returnTo), locale)), values };
}

/** Signs out here: the cookie goes, and the session ends on the server too. */
export async function signOutAction(form: FormData) {
  await endSession(db(), await currentSession());
  // The page it was asked from: named by the form, else (the members' shared pages without
  // JavaScript cannot name themselves) the same-site Referer.
  const h = await headers();
  const from = form.get('returnTo') ?? signInReturnPath(undefined, h.get('referer'), h.get('host'));
  await signOut({ redirectTo: signOutReturnPath(from) });
}

/** Ends every session of this member at once, on every device. */
export async function signOutEverywhereAction() {
  const member = await currentMember();
  if (member) await endEverySession(db(), member.id);
  await signOut({ redirectTo: '/' });
}

export interface ResetFormState extends AuthFormState {
  sent?: boolean;
}

/** "忘记密码？": the same answer whatever the account or address (lib/users/password-reset.ts). */
export async function forgotPasswordAction(_prev: ResetFormState, form: FormData): Promise<ResetFormState> {
  const locale = (await getLocale()) as Locale;
  const values = { who: formText(form, 'who') };
  try {
    await requestPasswordReset(db(), { who: values.who }, { locale, origin: await siteOrigin(), address: requestAddress(await headers()) });
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return { ...describeRefusal(locale, err), values };
  }
  return { sent: true, values };
}

/** A new password from a reset link: set, every session ended, and this browser signed in with it. */
export async function resetPasswordAction(_prev: ResetFormState, form: FormData): Promise<ResetFormState> {
  const locale = (await getLocale()) as Locale;
  const password = formText(form, 'newPassword');
  let username: string;
  try {
    ({ username } = await resetPassword(db(), { token: formText(form, 'token'), newPassword: password }));
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return { ...describeRefusal(locale, err) };
  }
  return signInWith(username, password, '/settings?changed=reset', locale);
}

/** "使用 … 登录": off to the provider, back to the page the reader came from. */
export async function providerSignInAction(form: FormData) {
  const provider = formText(form, 'provider');
  if (!configuredProviders().some((p) => p.id === provider)) redirect('/signin');
  const back = safeReturnPath(formText(form, 'returnTo'));
  try {
    await signIn(provider, { redirectTo: back });
  } catch (err) {
    // Success is Next's redirect to the provider; anything else is the provider out of reach.
    unstable_rethrow(err);
    logger.warn({ provider, err: { message: (err as Error).message } }, 'sign-in: the identity provider could not be reached');
    redirect(`/signin?error=provider_down&callbackUrl=${encodeURIComponent(back)}`);
  }
}
