'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import { deleteCommentAction, editCommentAction, type OwnCommentState } from '@/app/actions/comments.ts';
import { ComposeField } from './compose-field.tsx';
import { useHydrated } from './use-hydrated.ts';
import { FormError } from './form-error.tsx';
import { PendingMark } from './pending-mark.tsx';

/** The author's "edit" box: the comment's text in a form; on success the page shows the new text. */
export function EditForm({ commentId, body, returnTo }: { commentId: number; body: string; returnTo: string }) {
  const t = useTranslations('compose');
  const [state, action, pending] = useActionState<OwnCommentState, FormData>(editCommentAction, {});
  const hydrated = useHydrated();
  const id = useId();
  const error = state.fields?.body ?? state.message;
  return (
    <details className="edit-box" open={error ? true : undefined} key={state.ok ? 'done' : 'open'}>
      <summary>{t('edit')}</summary>
      <form action={action} className="comment-form" aria-label={t('editLabel')}>
        <input type="hidden" name="commentId" value={commentId} />
        <PendingMark />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
        <ComposeField id={id} label={t('editLabel')} labelClassName="visually-hidden" rows={3} resetKey="edit" defaultValue={state.body ?? body} error={error} busy={pending}>
          <button type="submit" disabled={pending}>
            {pending ? t('sending') : t('saveEdit')}
          </button>
        </ComposeField>
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
        <PendingMark />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
        <p>{hasReplies ? t('deleteConfirmReplies') : t('deleteConfirm')}</p>
        <button type="submit" className="danger" disabled={pending}>
          {t('deleteConfirmButton')}
        </button>
        <FormError message={state.message} />
      </form>
    </details>
  );
}
