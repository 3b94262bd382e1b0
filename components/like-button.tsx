'use client';

import { useOptimistic, useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { likeAction, likeFormAction, type LikeState } from '@/app/actions/comments.ts';
import { useHydrated } from './use-hydrated.ts';
import { Heart } from './heart.tsx';
import { useBusyWhile, useLiveLikeCount } from './live-store.ts';
import { setMineLiked, useMine } from './me.ts';

/** The like through PUT/DELETE /api/v1/comments/{id}/like; a refusal's message is the API's. */
async function likeThroughApi(commentId: number, want: boolean, prev: LikeState, unavailable: string): Promise<LikeState> {
  try {
    const res = await fetch(`/api/v1/comments/${commentId}/like`, { method: want ? 'PUT' : 'DELETE', headers: { 'content-type': 'application/json' } });
    const json = await res.json();
    return res.ok ? { liked: json.liked, likeCount: json.likeCount } : { ...prev, message: json.error?.message ?? unavailable };
  } catch {
    return { ...prev, message: unavailable };
  }
}

/**
 * Like / unlike, shown at once and then reconciled with the count the server returns. Without
 * JavaScript the form posts to an unbound action (one hidden field per card, not its state)
 * and comes back to the comment.
 */
export function LikeButton({ commentId, liked: likedHere, likeCount, returnTo, shell = false }: {
  commentId: number; liked: boolean; likeCount: number; returnTo: string;
  /** On the members' shared page the like goes through the JSON API: an action that changes the
   * page would answer with the page rendered for the member, another root layout, and the
   * browser would load it afresh (losing the place on the page). */
  shell?: boolean;
}) {
  const t = useTranslations('compose');
  const te = useTranslations('errors');
  // On the members' shared page whether the member likes it comes with their part of the thread.
  const mine = useMine(shell);
  const liked = mine ? mine.liked.has(commentId) : likedHere;
  const [state, setState] = useState<LikeState>({ liked, likeCount });
  const [optimistic, setOptimistic] = useOptimistic(state, (_s, next: LikeState) => next);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  useBusyWhile(pending);
  // Newer counts than ours: the page rendered again (live news, another action), or the stream.
  const live = useLiveLikeCount(commentId);
  const [seen, setSeen] = useState({ liked, likeCount, live });
  if (seen.liked !== liked || seen.likeCount !== likeCount || seen.live !== live) {
    setSeen({ liked, likeCount, live });
    setState((s) => ({
      ...s,
      liked: seen.liked !== liked ? liked : s.liked,
      likeCount: live !== null && live !== seen.live ? live : seen.likeCount !== likeCount ? likeCount : s.likeCount,
    }));
  }
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
          const next = shell ? await likeThroughApi(commentId, form.get('liked') === '1', state, te('codes.unavailable')) : await likeAction(state, form);
          if (!next.message && shell) setMineLiked(commentId, next.liked);
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

/** A like count where the member cannot like (their own comment, a locked thread): the stream's latest. */
export function LiveLikeCount({ commentId, likeCount }: { commentId: number; likeCount: number }) {
  const live = useLiveLikeCount(commentId);
  return <span className="like-count">{live ?? likeCount}</span>;
}
