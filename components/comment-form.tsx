'use client';

import { useActionState, useEffect, useId, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { postCommentAction, type CommentFormState } from '@/app/actions/comments.ts';
import { ComposeField } from './compose-field.tsx';
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
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
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
        <ComposeField
          id={id}
          label={label}
          labelClassName={parentId ? 'visually-hidden' : 'compose-label'}
          rows={parentId ? 3 : 4}
          resetKey={state.nextKey ?? 'initial'}
          defaultValue={state.body ?? ''}
          placeholder={t('placeholder')}
          error={error}
          keysHint
          busy={pending}
        >
          <button type="submit" disabled={pending}>
            {pending ? t('sending') : parentId ? t('submitReply') : t('submit')}
          </button>
        </ComposeField>
        {state.postedId && state.postedStatus === 'held' ? (
          <p className="notice" role="status">
            {t('held')}
          </p>
        ) : null}
      </form>
    </div>
  );
}
