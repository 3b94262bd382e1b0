'use client';

// What the live parts of a member's thread page share in the browser: whether a form's
// action is on its way (live news then waits, so that a refresh never races the action's
// own), the like counts the stream brings, and whether the member has taken part since the
// members' shared page was loaded (docs/decisions/007-one-owner.md).
import { useEffect, useSyncExternalStore } from 'react';

let busy = 0;
const whenIdle = new Set<() => void>();

/** Counts this component's pending action while `pending` is true. */
export function useBusyWhile(pending: boolean): void {
  useEffect(() => {
    if (!pending) return;
    busy++;
    return () => {
      busy--;
      if (busy === 0) {
        const waiting = [...whenIdle];
        whenIdle.clear();
        // After React has committed what the action brought.
        setTimeout(() => waiting.forEach((fn) => fn()), 0);
      }
    };
  }, [pending]);
}

/** Runs `fn` now if no action is pending on the page, else once the last one is done. */
export function afterActions(fn: () => void): void {
  if (busy === 0) fn();
  else whenIdle.add(fn);
}

const likeCounts = new Map<number, number>();
const likeListeners = new Set<() => void>();

/** A like count from the stream (the server's count after others' likes). */
export function setLiveLikeCount(commentId: number, count: number): void {
  likeCounts.set(commentId, count);
  likeListeners.forEach((fn) => fn());
}

function subscribeLikes(fn: () => void) {
  likeListeners.add(fn);
  return () => likeListeners.delete(fn);
}

/** The latest count the stream brought for this comment, or null. */
export function useLiveLikeCount(commentId: number): number | null {
  return useSyncExternalStore(
    subscribeLikes,
    () => likeCounts.get(commentId) ?? null,
    () => null,
  );
}

let tookPart = false;
/** The member liked or posted here: the members' shared page is no longer theirs (lib/cache/member-shell.ts). */
export function markTookPart(): void {
  tookPart = true;
}
export const hasTakenPart = () => tookPart;
