'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { COMMENT_MAX, commentLength } from '@/lib/comments/rules.ts';
import { FormError } from './form-error.tsx';

/**
 * The text of a comment being written or edited: its label, the field (Ctrl/⌘+Enter sends),
 * a live count of what is left, the form's buttons (`children`) and the refusal, if any.
 * `resetKey` starts a fresh field (after a post); until then what was typed stays.
 */
export function ComposeField({ id, label, labelClassName, rows, resetKey, defaultValue, placeholder, error, keysHint = false, busy = false, children }: {
  id: string;
  label: string;
  labelClassName: string;
  rows: number;
  resetKey: string;
  defaultValue: string;
  placeholder?: string;
  error?: string;
  /** Show "Ctrl+Enter 发送" beside the count. */
  keysHint?: boolean;
  /** A send is under way: Ctrl/⌘+Enter does not send twice. */
  busy?: boolean;
  children: React.ReactNode;
}) {
  const t = useTranslations('compose');
  // What was typed in the current field (a new resetKey is a new field, counted from its default).
  const [typed, setTyped] = useState(() => ({ key: resetKey, n: commentLength(defaultValue) }));
  const length = typed.key === resetKey ? typed.n : commentLength(defaultValue);
  const left = COMMENT_MAX - length;
  return (
    <>
      <label htmlFor={`${id}-body`} className={labelClassName}>
        {label}
      </label>
      <textarea
        id={`${id}-body`}
        name="body"
        rows={rows}
        // The key resets the field after a successful post; after an error it keeps the text.
        key={resetKey}
        defaultValue={defaultValue}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-count ${id}-error${keysHint ? ` ${id}-keys` : ''}`}
        onChange={(e) => setTyped({ key: resetKey, n: commentLength(e.target.value) })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (!busy) e.currentTarget.form?.requestSubmit();
          }
        }}
        required
      />
      <div className="compose-foot">
        <span id={`${id}-count`} className={left < 0 ? 'count over' : 'count'} aria-live="polite">
          {left >= 0 ? t('remaining', { count: left }) : t('over', { count: -left })}
        </span>
        {keysHint ? (
          <span id={`${id}-keys`} className="hint keys">
            {t('sendKeys')}
          </span>
        ) : null}
        {children}
      </div>
      <FormError id={`${id}-error`} message={error} />
    </>
  );
}
