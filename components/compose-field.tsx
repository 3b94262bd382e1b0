'use client';

import { useRef, useState } from 'react';
import { useTypedEarly } from './use-typed-early.ts';
import { useTranslations } from 'next-intl';
import { COMMENT_MAX, commentLength } from '@/lib/comments/rules.ts';
import { FormError } from './form-error.tsx';

/**
 * The text of a comment being written or edited: its label, the field (Ctrl/⌘+Enter sends),
 * a live count of what is left, the form's buttons (`children`) and the refusal, if any.
 * `resetKey` starts a fresh field (after a post); until then what was typed stays.
 */
export interface Person {
  username: string;
  displayName: string;
}

/** The `@name` being typed just before the caret, or null. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(?:^|[\s(（，,。：:；;！!？?、"“'‘])@([^\s@]{0,64})$/u.exec(text.slice(0, caret));
  return m ? { start: caret - m[1].length - 1, query: m[1] } : null;
}

/** Who matches what is typed after `@`: by username or display name, start of a word first. */
function suggestions(people: readonly Person[], query: string): Person[] {
  const q = query.toLowerCase();
  const score = (p: Person) => {
    const u = p.username.toLowerCase();
    const d = p.displayName.toLowerCase();
    if (u.startsWith(q) || d.startsWith(q)) return 0;
    if (u.includes(q) || d.includes(q)) return 1;
    return 2;
  };
  return people
    .map((p) => [p, score(p)] as const)
    .filter(([, s]) => s < 2)
    .sort((a, b) => a[1] - b[1])
    .slice(0, 6)
    .map(([p]) => p);
}

export function ComposeField({ id, label, labelClassName, rows, resetKey, defaultValue, placeholder, error, keysHint = false, busy = false, people = [], children }: {
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
  /** The members taking part in the thread, offered as names when an `@` is typed. */
  people?: readonly Person[];
  children: React.ReactNode;
}) {
  const t = useTranslations('compose');
  // What was typed in the current field (a new resetKey is a new field, counted from its default).
  const [typed, setTyped] = useState(() => ({ key: resetKey, n: commentLength(defaultValue) }));
  const length = typed.key === resetKey ? typed.n : commentLength(defaultValue);
  const left = COMMENT_MAX - length;
  // Names offered while an @mention is typed (a listbox under the field, ARIA combobox-style).
  const field = useRef<HTMLTextAreaElement>(null);
  useTypedEarly(field, (value) => setTyped({ key: resetKey, n: commentLength(value) }));
  const [offer, setOffer] = useState<{ start: number; end: number; list: Person[]; active: number } | null>(null);
  const look = (el: HTMLTextAreaElement) => {
    const at = people.length ? mentionAt(el.value, el.selectionStart) : null;
    const list = at ? suggestions(people, at.query) : [];
    setOffer(at && list.length ? { start: at.start, end: el.selectionStart, list, active: 0 } : null);
  };
  const choose = (p: Person) => {
    const el = field.current;
    if (!el || !offer) return;
    const insert = `@${p.username} `;
    el.setRangeText(insert, offer.start, offer.end, 'end');
    setTyped({ key: resetKey, n: commentLength(el.value) });
    setOffer(null);
    el.focus();
  };
  const listId = `${id}-people`;
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
        ref={field}
        aria-autocomplete={people.length ? 'list' : undefined}
        aria-controls={offer ? listId : undefined}
        aria-activedescendant={offer ? `${listId}-${offer.active}` : undefined}
        onChange={(e) => {
          setTyped({ key: resetKey, n: commentLength(e.target.value) });
          look(e.target);
        }}
        onBlur={() => setOffer(null)}
        onKeyDown={(e) => {
          if (offer) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const n = offer.list.length;
              setOffer({ ...offer, active: (offer.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
              return;
            }
            if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
              e.preventDefault();
              choose(offer.list[offer.active]);
              return;
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              setOffer(null);
              return;
            }
          }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (!busy) e.currentTarget.form?.requestSubmit();
          }
        }}
        required
      />
      {offer ? (
        <ul className="mention-offer" id={listId} role="listbox" aria-label={t('mentionOffer')}>
          {offer.list.map((p, i) => (
            <li
              key={p.username}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === offer.active}
              // Chosen before the field loses the focus.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              <strong>{p.displayName}</strong> <span>@{p.username}</span>
            </li>
          ))}
        </ul>
      ) : null}
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
