'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import { signInAction, signUpAction, type AuthFormState } from '@/app/actions/auth.ts';

function Field({ name, label, type = 'text', hint, state, autoComplete, required = true }: {
  name: string; label: string; type?: string; hint?: string; state: AuthFormState; autoComplete: string; required?: boolean;
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
  return (
    <form action={action} className="auth-form" aria-label={t('signIn')}>
      <input type="hidden" name="returnTo" value={state.values?.returnTo ?? returnTo} />
      <Field name="username" label={t('username')} state={state} autoComplete="username" />
      <Field name="password" label={t('password')} type="password" state={state} autoComplete="current-password" />
      <p className="form-error" role={state.message ? 'alert' : undefined} aria-live="assertive">
        {state.message}
      </p>
      <button type="submit" disabled={pending}>
        {t('signIn')}
      </button>
    </form>
  );
}

export function SignUpForm({ returnTo }: { returnTo: string }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, {});
  return (
    <form action={action} className="auth-form" aria-label={t('signUp')}>
      <input type="hidden" name="returnTo" value={state.values?.returnTo ?? returnTo} />
      <Field name="username" label={t('username')} hint={t('usernameHint')} state={state} autoComplete="username" />
      <Field name="displayName" label={t('displayName')} state={state} autoComplete="nickname" required={false} />
      <Field name="password" label={t('password')} type="password" hint={t('passwordHint')} state={state} autoComplete="new-password" />
      <p className="form-error" role={state.message ? 'alert' : undefined} aria-live="assertive">
        {state.message}
      </p>
      <button type="submit" disabled={pending}>
        {t('signUp')}
      </button>
    </form>
  );
}
