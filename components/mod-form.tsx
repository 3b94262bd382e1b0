'use client';

import { useActionState, useId } from 'react';
import { useFocusAfterRefusal } from './use-focus-after-refusal.ts';
import type { ModState } from '@/app/actions/mod.ts';

export interface ModField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'datetime-local' | 'checkbox' | 'select' | 'textarea' | 'number' | 'hidden' | 'password';
  autoComplete?: string;
  options?: { value: string; label: string }[];
  defaultValue?: string;
  required?: boolean;
}

/**
 * A small form (staff tools, account settings): fields described as data so that, after a
 * refusal, every value typed comes back (never a password) and focus goes to the field the
 * refusal names; submit buttons may carry an action each.
 */
export function ModForm({ action, label, fields, buttons, done, resetOnSuccess = false }: {
  action: (prev: ModState, form: FormData) => Promise<ModState>;
  label: string;
  fields: ModField[];
  /** How much the button takes away, for its colour: a ban is severe, lifting one harmless. */
  buttons: { label: string; name?: string; value?: string; harm?: 'harmful' | 'harmless' | 'severe' }[];
  done: string;
  /** After success the fields start afresh (a form for the next case), instead of keeping what was sent. */
  resetOnSuccess?: boolean;
}) {
  const [state, run, pending] = useActionState<ModState, FormData>(action, {});
  const id = useId();
  const kept = resetOnSuccess && state.ok ? undefined : state.values;
  const value = (f: ModField) => kept?.[f.name] ?? f.defaultValue ?? '';
  const form = useFocusAfterRefusal(state, state.field ? [`[name="${state.field}"]`] : []);
  return (
    <form ref={form} action={run} aria-label={label} className="mod-form">
      {fields.filter((f) => f.type === 'hidden').map((f) => (
        <input key={f.name} type="hidden" name={f.name} value={f.defaultValue ?? ''} />
      ))}
      {fields.filter((f) => f.type !== 'hidden').map((f) => (
        <p key={f.name} className={f.type === 'checkbox' ? 'field check' : 'field'}>
          <label htmlFor={`${id}-${f.name}`}>{f.label}</label>
          {f.type === 'select' ? (
            <select id={`${id}-${f.name}`} name={f.name} defaultValue={value(f)} key={value(f)}>
              {f.options!.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : f.type === 'textarea' ? (
            <textarea id={`${id}-${f.name}`} name={f.name} rows={8} defaultValue={value(f)} key={value(f)} />
          ) : f.type === 'checkbox' ? (
            <input id={`${id}-${f.name}`} name={f.name} type="checkbox" defaultChecked={kept ? kept[f.name] === 'on' : f.defaultValue === 'on'} key={`${f.name}-${kept?.[f.name] ?? ''}-${state.ok ? 'done' : ''}`} />
          ) : (
            <input
              id={`${id}-${f.name}`}
              name={f.name}
              type={f.type ?? 'text'}
              defaultValue={value(f)}
              key={f.type === 'password' ? `${f.name}-${state.message ?? ''}-${state.ok ? 'done' : ''}` : value(f)}
              required={f.required}
              autoComplete={f.autoComplete}
              aria-invalid={state.field === f.name ? true : undefined}
            />
          )}
        </p>
      ))}
      <p className="buttons">
        {buttons.map((b) => (
          <button key={b.label} type="submit" name={b.name} value={b.value} disabled={pending} data-harm={b.harm}>
            {b.label}
          </button>
        ))}
      </p>
      <p className={state.ok ? 'notice' : 'form-error'} role={state.message ? 'alert' : 'status'}>
        {state.ok ? done : state.message}
      </p>
      {state.ok && state.detail ? (
        <p className="form-detail">
          <output>{state.detail}</output>
        </p>
      ) : null}
    </form>
  );
}
