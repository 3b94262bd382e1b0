'use client';

import { useActionState, useId, useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { deleteCommentAction, editCommentAction, type OwnCommentState } from '@/app/actions/comments.ts';
import { ComposeField } from './compose-field.tsx';
import { useHydrated } from './use-hydrated.ts';
import { FormError } from './form-error.tsx';
import { PendingMark } from './pending-mark.tsx';
import { reloadAt } from './mark-posted.ts';
import { useBusyWhile } from './live-store.ts';

/**
 * An own-comment form's state: its server action's, or, on the members' shared page, the
 * JSON API's. There an edit or a delete goes through the API (an action would be answered by
 * another root layout: components/comment-form.tsx), then the page loads afresh at the
 * comment, rendered for its author once.
 */
function useOwnCommentForm(serverAction: (prev: OwnCommentState, form: FormData) => Promise<OwnCommentState>, shell: boolean) {
  const te = useTranslations('errors');
  const [actionState, action, actionPending] = useActionState<OwnCommentState, FormData>(serverAction, {});
  const [apiState, setApiState] = useState<OwnCommentState | null>(null);
  const [apiPending, start] = useTransition();
  useBusyWhile(apiPending);
  const send = (commentId: number, init: RequestInit, body?: string) =>
    start(async () => {
      try {
        const res = await fetch(`/api/v1/comments/${commentId}`, { ...init, headers: { 'content-type': 'application/json' } });
        if (res.ok) return reloadAt(commentId);
        const json = await res.json().catch(() => ({}));
        const fields = json.error?.fields as Record<string, string> | undefined;
        setApiState({ message: fields?.body ? undefined : (json.error?.message ?? te('codes.unavailable')), fields, body });
      } catch {
        setApiState({ message: te('codes.unavailable'), body });
      }
    });
  return { state: (shell ? apiState : null) ?? actionState, action, pending: actionPending || (shell && apiPending), send };
}

/** The author's "edit" box: the comment's text in a form; on success the page shows the new text. */
export function EditForm({ commentId, body, returnTo, shell = false }: { commentId: number; body: string; returnTo: string; shell?: boolean }) {
  const t = useTranslations('compose');
  const { state, action, pending, send } = useOwnCommentForm(editCommentAction, shell);
  const hydrated = useHydrated();
  const id = useId();
  const error = state.fields?.body ?? state.message;
  return (
    <details className="edit-box" open={error ? true : undefined} key={state.ok ? 'done' : 'open'}>
      <summary>{t('edit')}</summary>
      <form
        action={action}
        className="comment-form"
        aria-label={t('editLabel')}
        onSubmit={(e) => {
          if (!shell || !hydrated) return;
          e.preventDefault();
          if (pending) return;
          const text = String(new FormData(e.currentTarget).get('body') ?? '');
          send(commentId, { method: 'PATCH', body: JSON.stringify({ body: text }) }, text);
        }}
      >
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
export function DeleteForm({ commentId, returnTo, hasReplies, shell = false }: { commentId: number; returnTo: string; hasReplies: boolean; shell?: boolean }) {
  const t = useTranslations('compose');
  const { state, action, pending, send } = useOwnCommentForm(deleteCommentAction, shell);
  const hydrated = useHydrated();
  return (
    <details className="delete-box" open={state.message ? true : undefined}>
      <summary>{t('delete')}</summary>
      <form
        action={action}
        aria-label={t('delete')}
        onSubmit={(e) => {
          if (!shell || !hydrated) return;
          e.preventDefault();
          if (!pending) send(commentId, { method: 'DELETE' });
        }}
      >
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
