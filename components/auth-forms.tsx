'use client';

import { useActionState, useId } from 'react';
import { useFocusAfterRefusal } from './use-focus-after-refusal.ts';
import { useTranslations } from 'next-intl';
import { forgotPasswordAction, resetPasswordAction, signInAction, signUpAction, type AuthFormState, type ResetFormState } from '@/app/actions/auth.ts';
import { FormError } from './form-error.tsx';

/** After a refusal: the first field marked invalid, else `fallback` (the field to type again). */
const useFocusFirstBad = (state: AuthFormState, fallback: string) =>
  useFocusAfterRefusal(state, state.fields || state.message ? ['[aria-invalid="true"]', `[name="${fallback}"]`] : []);

function Field({ name, label, type = 'text', hint, state, autoComplete, required = true, autoFocus }: {
  name: string; label: string; type?: string; hint?: string; state: AuthFormState; autoComplete: string; required?: boolean; autoFocus?: boolean;
}) {
  const id = useId();
  const error = state.fields?.[name];
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={state.values?.[name] ?? ''}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
        // The page's one task: typing starts at once (and the keyboard opens on a phone).
        autoFocus={autoFocus}
      />
      <span id={`${id}-note`} className={error ? 'form-error' : 'hint'}>
        {error ?? hint}
      </span>
    </p>
  );
}

export function SignInForm({ returnTo }: { returnTo: string }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, {});
  const form = useFocusFirstBad(state, 'password');
  return (
    <form ref={form} action={action} className="auth-form" aria-label={t('signIn')}>
      <input type="hidden" name="returnTo" value={state.values?.returnTo ?? returnTo} />
      <Field name="username" label={t('username')} state={state} autoComplete="username" autoFocus />
      <Field name="password" label={t('password')} type="password" state={state} autoComplete="current-password" />
      <FormError message={state.message} />
      <button type="submit" disabled={pending}>
        {t('signIn')}
      </button>
    </form>
  );
}

export function SignUpForm({ returnTo }: { returnTo: string }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, {});
  const form = useFocusFirstBad(state, 'username');
  return (
    <form ref={form} action={action} className="auth-form" aria-label={t('signUp')}>
      <input type="hidden" name="returnTo" value={state.values?.returnTo ?? returnTo} />
      <Field name="username" label={t('username')} hint={t('usernameHint')} state={state} autoComplete="username" autoFocus />
      <Field name="displayName" label={t('displayName')} state={state} autoComplete="nickname" required={false} />
      <Field name="password" label={t('password')} type="password" hint={t('passwordHint')} state={state} autoComplete="new-password" />
      <Field name="email" label={t('email')} type="email" hint={t('emailHint')} state={state} autoComplete="email" required={false} />
      <FormError message={state.message} />
      <button type="submit" disabled={pending}>
        {t('signUp')}
      </button>
    </form>
  );
}

/** "忘记密码？": one field; after sending, the same words whatever it named. */
export function ForgotForm() {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<ResetFormState, FormData>(forgotPasswordAction, {});
  const form = useFocusFirstBad(state, 'who');
  if (state.sent)
    return (
      <p className="notice" role="status">
        {t('forgotSent')}
      </p>
    );
  return (
    <form ref={form} action={action} className="auth-form" aria-label={t('forgotTitle')}>
      <Field name="who" label={t('forgotWho')} state={state} autoComplete="username" autoFocus />
      <FormError message={state.message} />
      <button type="submit" disabled={pending}>
        {t('forgotSend')}
      </button>
    </form>
  );
}

/** The new password, from a reset link (the token rides in a hidden field, never in a path). */
export function ResetForm({ token, username }: { token: string; username: string }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<ResetFormState, FormData>(resetPasswordAction, {});
  const form = useFocusFirstBad(state, 'newPassword');
  return (
    <form ref={form} action={action} className="auth-form" aria-label={t('resetTitle')}>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <Field name="newPassword" label={t('newPassword')} type="password" hint={t('passwordHint')} state={state} autoComplete="new-password" autoFocus />
      <FormError message={state.fields?.token ?? state.message} />
      {state.fields?.token ? (
        <p>
          <a href="/forgot-password">{t('resetAgain')}</a>
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {t('resetSave')}
      </button>
    </form>
  );
}
