'use client';

import { useActionState, useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { deleteCommentAction, editCommentAction, type OwnCommentState } from '@/app/actions/comments.ts';
import { COMMENT_MAX, commentLength } from '@/lib/comments/rules.ts';
import { useHydrated } from './use-hydrated.ts';

/** The author's "edit" box: the comment's text in a form; on success the page shows the new text. */
export function EditForm({ commentId, body, returnTo }: { commentId: number; body: string; returnTo: string }) {
  const t = useTranslations('compose');
  const [state, action, pending] = useActionState<OwnCommentState, FormData>(editCommentAction, {});
  const hydrated = useHydrated();
  const id = useId();
  const [length, setLength] = useState(commentLength(body));
  const left = COMMENT_MAX - length;
  const error = state.fields?.body ?? state.message;
  return (
    <details className="edit-box" open={error ? true : undefined} key={state.ok ? 'done' : 'open'}>
      <summary>{t('edit')}</summary>
      <form action={action} className="comment-form" aria-label={t('editLabel')}>
        <input type="hidden" name="commentId" value={commentId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
        <label htmlFor={`${id}-body`} className="visually-hidden">
          {t('editLabel')}
        </label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={3}
          defaultValue={state.body ?? body}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-count ${id}-error`}
          onChange={(e) => setLength(commentLength(e.target.value))}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
          required
        />
        <div className="compose-foot">
          <span id={`${id}-count`} className={left < 0 ? 'count over' : 'count'}>
            {left >= 0 ? t('remaining', { count: left }) : t('over', { count: -left })}
          </span>
          <button type="submit" disabled={pending}>
            {pending ? t('sending') : t('saveEdit')}
          </button>
        </div>
        <p id={`${id}-error`} className="form-error" role={error ? 'alert' : undefined}>
          {error}
        </p>
      </form>
    </details>
  );
}

/** The author's "delete": asks once (no JavaScript needed), then deletes. */
export function DeleteForm({ commentId, returnTo, hasReplies }: { commentId: number; returnTo: string; hasReplies: boolean }) {
  const t = useTranslations('compose');
  const [state, action, pending] = useActionState<OwnCommentState, FormData>(deleteCommentAction, {});
  const hydrated = useHydrated();
  return (
    <details className="delete-box" open={state.message ? true : undefined}>
      <summary>{t('delete')}</summary>
      <form action={action} aria-label={t('delete')}>
        <input type="hidden" name="commentId" value={commentId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
        <p>{hasReplies ? t('deleteConfirmReplies') : t('deleteConfirm')}</p>
        <button type="submit" className="danger" disabled={pending}>
          {t('deleteConfirmButton')}
        </button>
        <p className="form-error" role={state.message ? 'alert' : undefined}>
          {state.message}
        </p>
      </form>
    </details>
  );
}
