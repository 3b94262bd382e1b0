'use client';

import { useActionState, useEffect, useId, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { postCommentAction, type CommentFormState } from '@/app/actions/comments.ts';
import { ComposeField } from './compose-field.tsx';
import { markPosted } from './mark-posted.ts';
import { useHydrated } from './use-hydrated.ts';

/**
 * The comment form, and (with parentId) a reply form. A plain form post without
 * JavaScript (back to this page, at the new comment); with it, the page is refreshed with the
 * comment in its place, and focus moves to it. The idempotency key makes a double submit
 * one comment. Ctrl/⌘+Enter posts.
 */
export function CommentForm({ slug, parentId, replyToName, idempotencyKey, returnTo, shell = false }: {
  slug: string; parentId?: number; replyToName?: string; idempotencyKey: string; returnTo: string;
  /** On the members' shared page: once posted, the page reloads (rendered for its author then) at the comment. */
  shell?: boolean;
}) {
  const t = useTranslations('compose');
  // Without JavaScript the refusal comes back in the page the server renders for the member,
  // which on the members' shared page is another tree: the permalink (unique per form) is how
  // React finds this form there to give it its state.
  const permalink = `${returnTo}#${parentId ? `reply-${parentId}` : 'comments-heading'}`;
  const [state, action, pending] = useActionState<CommentFormState, FormData>(postCommentAction, {}, permalink);
  const hydrated = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const shellKey = useRef<string | null>(null);
  const label = parentId ? t('replyLabel', { name: replyToName ?? '' }) : t('commentLabel');
  const error = state.fields?.body ?? state.message;

  // The comment just posted: a reply box closes, and the new
  // comment (already in its place in the refreshed page) is marked and takes the focus.
  useEffect(() => {
    if (!state.postedId) return;
    if (shell) {
      // Usually the page has already been loaded afresh (the post changed it); if not, now —
      // unless it waits for review: then nothing on the page changes, and the form says so.
      if (state.postedStatus !== 'held') location.reload();
      return;
    }
    const box = form.current?.closest('details');
    if (box) box.open = false;
    markPosted(state.postedId);
  }, [state.postedId, state.postedStatus, state.nextKey, shell]);

  return (
    <div className="compose">
      <form
        ref={form}
        action={action}
        className="comment-form"
        aria-label={label}
        onSubmit={(e) => {
          // The shared page's key is every member's: this form makes its own, once, so that a
          // retry is still one comment but two tabs of one member are two.
          if (!shell || state.nextKey) return;
          shellKey.current ??= crypto.randomUUID();
          (e.currentTarget.elements.namedItem('key') as HTMLInputElement).value = shellKey.current;
        }}
      >
        <input type="hidden" name="slug" value={slug} />
        {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
        <input type="hidden" name="key" value={state.nextKey ?? idempotencyKey} />
        <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
        <input type="hidden" name="returnTo" value={returnTo} />
        {shell ? <input type="hidden" name="shell" value="1" /> : null}
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
