'use client';

import { useActionState, useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { postCommentAction, type CommentFormState } from '@/app/actions/comments.ts';
import { COMMENT_MAX, commentLength } from '@/lib/comments/rules.ts';
import { CommentBody } from './comment-body.tsx';
import { useHydrated } from './use-hydrated.ts';

/**
 * The comment form, and (with parentId) a reply form. A plain form post without
 * JavaScript; with it, the new comment appears in place. The idempotency key makes a
 * double submit one comment.
 */
export function CommentForm({ slug, parentId, replyToName, idempotencyKey }: { slug: string; parentId?: number; replyToName?: string; idempotencyKey: string }) {
  const t = useTranslations('compose');
  const [state, action, pending] = useActionState<CommentFormState, FormData>(postCommentAction, {});
  const hydrated = useHydrated();
  const [length, setLength] = useState(commentLength(state.body ?? ''));
  const id = useId();
  const left = COMMENT_MAX - length;
  const label = parentId ? t('replyLabel', { name: replyToName ?? '' }) : t('commentLabel');
  const error = state.fields?.body ?? state.message;
  return (
    <div className="compose">
      <form action={action} className="comment-form" aria-label={label}>
        <input type="hidden" name="slug" value={slug} />
        {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
        <input type="hidden" name="key" value={state.nextKey ?? idempotencyKey} />
        <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
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
          aria-describedby={`${id}-count ${id}-error`}
          onChange={(e) => setLength(commentLength(e.target.value))}
          required
        />
        <div className="compose-foot">
          <span id={`${id}-count`} className={left < 0 ? 'count over' : 'count'} aria-live="polite">
            {left >= 0 ? t('remaining', { count: left }) : t('over', { count: -left })}
          </span>
          <button type="submit" disabled={pending}>
            {pending ? t('sending') : parentId ? t('submitReply') : t('submit')}
          </button>
        </div>
        <p id={`${id}-error`} className="form-error" role={error ? 'alert' : undefined} aria-live="assertive">
          {error}
        </p>
      </form>
      {state.posted?.length ? (
        <ol className="just-posted" aria-label={t('justPosted')}>
          {state.posted.map((c) => (
            <li key={c.id} id={`c${c.id}`} className="comment" data-comment-id={c.id}>
              <p className="comment-meta">
                <span className="author">{c.displayName}</span>{' '}
                <time dateTime={c.createdAt}>{c.createdAtText}</time>
              </p>
              {c.status === 'held' ? <p className="notice">{t('held')}</p> : null}
              <CommentBody text={c.body} />
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
