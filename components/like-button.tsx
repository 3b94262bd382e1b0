'use client';

import { startTransition, useOptimistic, useState } from 'react';
import { useTranslations } from 'next-intl';
import { likeAction, likeFormAction, type LikeState } from '@/app/actions/comments.ts';
import { useHydrated } from './use-hydrated.ts';
import { Heart } from './heart.tsx';

/**
 * Like / unlike, shown at once and then reconciled with the count the server returns. Without
 * JavaScript the form posts to an unbound action (one hidden field per card, not its state)
 * and comes back to the comment.
 */
export function LikeButton({ commentId, liked, likeCount, returnTo }: { commentId: number; liked: boolean; likeCount: number; returnTo: string }) {
  const t = useTranslations('compose');
  const [state, setState] = useState<LikeState>({ liked, likeCount });
  const [optimistic, setOptimistic] = useOptimistic(state, (_s, next: LikeState) => next);
  const hydrated = useHydrated();
  return (
    <form
      action={likeFormAction}
      className="like-form"
      onSubmit={(e) => {
        if (!hydrated) return;
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(async () => {
          setOptimistic({ liked: !optimistic.liked, likeCount: optimistic.likeCount + (optimistic.liked ? -1 : 1) });
          const next = await likeAction(state, form);
          startTransition(() => setState(next));
        });
      }}
    >
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="liked" value={optimistic.liked ? '0' : '1'} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="js" value={hydrated ? '1' : '0'} />
      {/* Its name is what it shows ("赞 14"); pressed or not says whether the member likes it. */}
      <button type="submit" className="like" aria-pressed={optimistic.liked}>
        <Heart />
        <span className="visually-hidden">{t('like')}</span> <span className="like-count">{optimistic.likeCount}</span>
      </button>
      {state.message ? (
        <span className="form-error" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
