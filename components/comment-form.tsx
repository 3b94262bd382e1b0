'use client';

import { startTransition, useActionState, useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { postCommentAction, type CommentFormState } from '@/app/actions/comments.ts';
import { ComposeField, type Person } from './compose-field.tsx';
import { focusPosted, reloadAt } from './mark-posted.ts';
import { useHydrated } from './use-hydrated.ts';
import { markTookPart, useBusyWhile } from './live-store.ts';

/**
 * The members' shared page posts through the JSON API: an action there would be answered by
 * the page rendered for the member (another root layout), which the router can only load in
 * full, and cannot at all from an address with a fragment (it waited for ever: issue 20).
 */
async function postThroughApi(slug: string, form: FormData, key: string, unavailable: string): Promise<CommentFormState> {
  const body = String(form.get('body') ?? '');
  const parentId = form.get('parentId') ? Number(form.get('parentId')) : undefined;
  try {
    const res = await fetch(`/api/v1/articles/${encodeURIComponent(slug)}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ body, parentId }),
    });
    const json = await res.json();
    if (!res.ok) return { message: json.error?.fields?.body ? undefined : (json.error?.message ?? unavailable), fields: json.error?.fields, body };
    return { postedId: json.comment.id, postedStatus: json.comment.status, body: '', nextKey: crypto.randomUUID() };
  } catch {
    return { message: unavailable, body };
  }
}

/**
 * The comment form, and (with parentId) a reply form. A plain form post without
 * JavaScript (back to this page, at the new comment); with it, the page is refreshed with the
 * comment in its place, and focus moves to it. The idempotency key makes a double submit
 * one comment. Ctrl/⌘+Enter posts.
 */
export function CommentForm({ slug, parentId, replyToName, replyToUsername, people = [], idempotencyKey, returnTo, shell = false }: {
  slug: string; parentId?: number; replyToName?: string; idempotencyKey: string; returnTo: string;
  /** A reply starts with "@username " of the member replied to (cards show display names only). */
  replyToUsername?: string;
  /** The members taking part in the thread, offered when an @mention is typed. */
  people?: readonly Person[];
  /** On the members' shared page: posts through the JSON API, then the page loads afresh (rendered for its author) at the comment. */
  shell?: boolean;
}) {
  const t = useTranslations('compose');
  const te = useTranslations('errors');
  // Without JavaScript the refusal comes back in the page the server renders for the member,
  // which on the members' shared page is another tree: the permalink (unique per form) is how
  // React finds this form there to give it its state.
  const permalink = `${returnTo}#${parentId ? `reply-${parentId}` : 'comments-heading'}`;
  const [actionState, action, actionPending] = useActionState<CommentFormState, FormData>(postCommentAction, {}, permalink);
  const [apiState, setApiState] = useState<CommentFormState | null>(null);
  const [apiPending, setApiPending] = useState(false);
  const state = apiState ?? actionState;
  const pending = actionPending || apiPending;
  useBusyWhile(pending);
  const hydrated = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  // The shared page's key is every member's: this form makes its own, once per comment, so
  // that a retry is still one comment but two tabs of one member are two.
  const shellKey = useRef<string | null>(null);
  const label = parentId ? t('replyLabel', { name: replyToName ?? '' }) : t('commentLabel');
  const error = state.fields?.body ?? state.message;

  // The comment just posted: a reply box closes, and the new comment (rendered marked in its
  // place by the refreshed page) takes the focus. From the members' shared page the page is
  // loaded afresh at it, rendered for its author now (unless it waits for review: then nothing
  // on the page changes, and the form says so).
  useEffect(() => {
    if (!state.postedId) return;
    if (shell) {
      if (state.postedStatus === 'held') return;
      reloadAt(state.postedId);
      return;
    }
    const box = form.current?.closest('details');
    if (box) box.open = false;
    focusPosted(state.postedId);
  }, [state.postedId, state.postedStatus, state.nextKey, shell]);

  return (
    <div className="compose">
      <form
        ref={form}
        action={action}
        className="comment-form"
        aria-label={label}
        onSubmit={(e) => {
          if (!shell || !hydrated) return;
          e.preventDefault();
          if (pending) return;
          const data = new FormData(e.currentTarget);
          const key = (shellKey.current ??= crypto.randomUUID());
          setApiPending(true);
          startTransition(async () => {
            const next = await postThroughApi(slug, data, key, te('codes.unavailable'));
            if (next.postedId) {
              shellKey.current = null;
              markTookPart();
            }
            startTransition(() => {
              setApiState(next);
              setApiPending(false);
            });
          });
        }}
      >
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
          defaultValue={state.body ?? (replyToUsername ? `@${replyToUsername} ` : '')}
          placeholder={t('placeholder')}
          error={error}
          keysHint
          busy={pending}
          people={people}
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
