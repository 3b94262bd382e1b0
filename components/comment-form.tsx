'use client';

import { useActionState, useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { postCommentAction, type CommentFormState } from '@/app/actions/comments.ts';
import { COMMENT_MAX, commentLength } from '@/lib/comments/rules.ts';
import { useHydrated } from './use-hydrated.ts';

/**
 * The comment form, and (with parentId) a reply form. A plain form post without
 * JavaScript (back to this page, at the new comment); with it, the page is refreshed with the
 * comment in its place, and focus moves to it. The idempotency key makes a double submit
 * one comment. Ctrl/⌘+Enter posts.
 */
export function CommentForm({ slug, parentId, replyToName, idempotencyKey, returnTo }: {
  slug: string; parentId?: number; replyToName?: string; idempotencyKey: string; returnTo: string;
}) {
  const t = useTranslations('compose');
  const [state, action, pending] = useActionState<CommentFormState, FormData>(postCommentAction, {});
  const hydrated = useHydrated();
  // What was typed in this form's current field (a successful post starts a new field).
  const fieldKey = state.nextKey ?? 'initial';
  const [typed, setTyped] = useState({ key: fieldKey, n: 0 });
  const length = typed.key === fieldKey ? typed.n : commentLength(state.body ?? '');
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const left = COMMENT_MAX - length;
  const label = parentId ? t('replyLabel', { name: replyToName ?? '' }) : t('commentLabel');
  const error = state.fields?.body ?? state.message;

  // The comment just posted: a reply box closes, and the new
  // comment (already in its place in the refreshed page) is marked and takes the focus.
  useEffect(() => {
    if (!state.postedId) return;
    const box = form.current?.closest('details');
    if (box) box.open = false;
    const card = document.getElementById(`c${state.postedId}`);
    if (!card) return;
    card.setAttribute('tabindex', '-1');
    card.classList.remove('just-posted');
    void card.offsetWidth; // restart the highlight when the same card is marked again
    card.classList.add('just-posted');
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
  }, [state.postedId, state.nextKey]);

  return (
    <div className="compose">
      <form ref={form} action={action} className="comment-form" aria-label={label}>
        <input type="hidden" name="slug" value={slug} />
        {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
        <input type="hidden" name="key" value={state.nextKey ?? idempotencyKey} />
        <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label htmlFor={`${id}-body`} className={parentId ? 'visually-hidden' : 'compose-label'}>
          {label}
        </label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={parentId ? 3 : 4}
          // The key resets the field after a successful post; after an error it keeps the text.
          key={state.nextKey ?? 'initial'}
          defaultValue={state.body ?? ''}
          placeholder={t('placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-count ${id}-error ${id}-keys`}
          onChange={(e) => setTyped({ key: fieldKey, n: commentLength(e.target.value) })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              if (!pending) e.currentTarget.form?.requestSubmit();
            }
          }}
          required
        />
        <div className="compose-foot">
          <span id={`${id}-count`} className={left < 0 ? 'count over' : 'count'} aria-live="polite">
            {left >= 0 ? t('remaining', { count: left }) : t('over', { count: -left })}
          </span>
          <span id={`${id}-keys`} className="hint keys">
            {t('sendKeys')}
          </span>
          <button type="submit" disabled={pending}>
            {pending ? t('sending') : parentId ? t('submitReply') : t('submit')}
          </button>
        </div>
        <p id={`${id}-error`} className="form-error" role={error ? 'alert' : undefined} aria-live="assertive">
          {error}
        </p>
        {state.postedId && state.postedStatus === 'held' ? (
          <p className="notice" role="status">
            {t('held')}
          </p>
        ) : null}
      </form>
    </div>
  );
}
