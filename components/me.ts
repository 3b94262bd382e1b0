'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { indexPart, type Part, type PersonalThread } from '@/lib/threads/part.ts';
import { setLiveLikeCount } from './live-store.ts';

/** The signed-in member as GET /api/v1/me says, on the members' shared page. */
export interface Me {
  username: string;
  displayName: string;
  unread: number;
  thread?: PersonalThread;
}

/** What of this thread is the member's, laid over the page every member shares, and who they are. */
export type Mine = Part & { username: string; displayName: string };

let mine: Mine | null = null;
const listeners = new Set<() => void>();
const publish = (next: Mine) => {
  mine = next;
  listeners.forEach((fn) => fn());
};

// The shared page is only ever a thread: its address names the article.
const threadSlug = () => {
  const raw = /^\/articles\/([^/]+)$/.exec(location.pathname)?.[1];
  try {
    return raw ? encodeURIComponent(decodeURIComponent(raw)) : null;
  } catch {
    return null;
  }
};

// One request per page load, shared by the header, the live thread and the cards.
let me: Promise<Me | null> | null = null;
export const loadMe = () =>
  (me ??= (() => {
    const slug = threadSlug();
    return fetch(`/api/v1/me${slug ? `?article=${slug}` : ''}`, { credentials: 'same-origin', cache: 'no-store' }).then(
      async (r) => {
        const m = r.ok ? ((await r.json()) as Me) : null;
        if (m?.thread) {
          // Counts of the member's last likes, before the shared page has them.
          for (const [id, n] of Object.entries(m.thread.counts ?? {})) setLiveLikeCount(Number(id), n);
          publish({ ...indexPart(m.thread), username: m.username, displayName: m.displayName });
        }
        return m;
      },
      () => null,
    );
  })());

function subscribe(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * The member's part of this thread on the members' shared page (null until it has come, and
 * on every other page: `enabled` false).
 */
export function useMine(enabled: boolean): Mine | null {
  useEffect(() => {
    if (enabled) void loadMe();
  }, [enabled]);
  const value = useSyncExternalStore(subscribe, () => mine, () => null);
  return enabled ? value : null;
}

/** A like or unlike the member just made, kept for the page's later renders. */
export function setMineLiked(commentId: number, liked: boolean): void {
  if (!mine) return;
  const next = new Set(mine.liked);
  if (liked) next.add(commentId);
  else next.delete(commentId);
  publish({ ...mine, liked: next });
}

/** Is this comment the member's own (known on the shared page once GET /api/v1/me has answered)? */
export const isMine = (commentId: number) => mine?.own.has(commentId) ?? false;
