'use server';

import { redirect, unstable_rethrow } from 'next/navigation';
import { cookies } from 'next/headers';
import { configuredProviders, disconnectIdentity, LINK_COOKIE, LINK_SECONDS, makeLinkIntent } from '@/lib/auth/identities.ts';
import { formText } from '@/lib/form-text.ts';
import { currentMember, currentSession } from '@/lib/auth/current-member.ts';
import { endSession } from '@/lib/auth/end-session.ts';
import { db } from '@/lib/db/client.ts';
import { attempt, type FormState } from '@/lib/server/form-attempt.ts';
import { changeDisplayName, changePassword, deleteAccount } from '@/lib/users/account.ts';
import { signIn, signOut } from '@/auth.ts';
import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import type { Locale } from '@/i18n/locales.ts';
import { siteOrigin } from '@/lib/feeds/site-url.ts';
import { changeEmail, removeEmail, verifyEmail } from '@/lib/users/email.ts';
import { unsubscribe } from '@/lib/mail/unsubscribe.ts';
import { setMailMode } from '@/lib/mail/notification-mail.ts';
import { invalid } from '@/lib/errors.ts';

export async function displayNameAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => changeDisplayName(db(), await currentMember(), { displayName: formText(form, 'displayName') }));
}

/**
 * A new password ends every other session; this one is signed in again with it, and comes
 * back to the settings page saying so.
 */
export async function passwordAction(_prev: FormState, form: FormData): Promise<FormState> {
  let username = '';
  const state = await attempt(form, async () => {
    ({ username } = await changePassword(db(), await currentMember(), { currentPassword: formText(form, 'currentPassword'), newPassword: formText(form, 'newPassword') }));
  });
  if (!state.ok) return state;
  await signIn('credentials', { username, password: formText(form, 'newPassword'), redirectTo: '/settings?changed=password' });
  return state;
}

/** Deletes the account (the password confirms it), ends this session and says so (/goodbye). */
export async function deleteAccountAction(_prev: FormState, form: FormData): Promise<FormState> {
  const session = await currentSession();
  const state = await attempt(form, async () => deleteAccount(db(), await currentMember(), { password: formText(form, 'password'), confirm: formText(form, 'confirm') }));
  if (!state.ok) return state;
  await endSession(db(), session);
  await signOut({ redirect: false });
  redirect('/goodbye');
}

/** A new address: a link goes to it, and it counts once opened (lib/users/email.ts). */
export async function emailAction(_prev: FormState, form: FormData): Promise<FormState> {
  const locale = (await getLocale()) as Locale;
  const origin = await siteOrigin();
  const state = await attempt(form, async () => changeEmail(db(), await currentMember(), { email: formText(form, 'email'), currentPassword: formText(form, 'currentPassword') }, { locale, origin }));
  // The section shows the address waiting for its link.
  if (state.ok) revalidatePath('/settings');
  return state;
}

export async function removeEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await attempt(form, async () => removeEmail(db(), await currentMember()));
  if (state.ok) revalidatePath('/settings');
  return state;
}

/** The button on a verification link's page (a POST: link scanners in mailboxes do not press it). */
export async function verifyEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => {
    // (Nothing revalidated: the page would render again without its used-up link's form.)
    const { email } = await verifyEmail(db(), formText(form, 'token'));
    return { detail: email };
  });
}

/** The unsubscribe page's button (the token in the mail's link is the permission). */
export async function unsubscribeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => {
    if (!(await unsubscribe(db(), formText(form, 'token')))) throw invalid({ token: 'token_invalid' });
  });
}

/** Notification mail: off, each one, or a daily digest. */
export async function mailModeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => setMailMode(db(), await currentMember(), formText(form, 'mode')));
}

/**
 * "连接": this member's intent to connect an identity (a signed cookie for ten minutes), then
 * off to the provider; the sign-in that comes back is linked to them (auth.ts).
 */
export async function connectIdentityAction(form: FormData) {
  const member = await currentMember();
  if (!member) redirect('/signin?callbackUrl=/settings');
  const provider = formText(form, 'provider');
  if (!configuredProviders().some((p) => p.id === provider)) redirect('/settings');
  (await cookies()).set(LINK_COOKIE, makeLinkIntent(member.id), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: LINK_SECONDS });
  try {
    await signIn(provider, { redirectTo: `/settings?connected=${provider}#s-identities` });
  } catch (err) {
    unstable_rethrow(err);
    redirect('/settings?identity=provider_down#s-identities');
  }
}

export async function disconnectIdentityAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await attempt(form, async () => disconnectIdentity(db(), await currentMember(), formText(form, 'provider')));
  if (state.ok) revalidatePath('/settings');
  return state;
}
