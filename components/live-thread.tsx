'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { focusPosted, postedFromCookie } from './mark-posted.ts';
import { afterActions, hasTakenPart, setLiveLikeCount } from './live-store.ts';
import { isMine, loadMe } from './me.ts';
import { markStream } from './mark-stream.ts';

export interface LiveLabels {
  newOne: string;
  /** With `{count}`. */
  newMany: string;
  changed: string;
}

/**
 * Live news on a thread page that React renders (a member's): the thread's Server-Sent Events
 * reach the page only through React. A reply under a comment on the page, a removal, an edit
 * or a lock re-renders the page on the server (router.refresh, which keeps what forms hold),
 * never while one of the page's actions is on its way; like counts go to the like buttons;
 * new comments wait behind a button. The member's own writes are never announced to them: the
 * action that made them already shows them. /live.js does the same for the documents React
 * never hydrates, and refuses to touch this one (docs/decisions/007-one-owner.md).
 */
export function LiveThread({ slug, viewer, shell, labels }: {
  slug: string;
  /** The member's username; on the members' shared page it comes from GET /api/v1/me. */
  viewer: string | null;
  shell: boolean;
  labels: LiveLabels;
}) {
  const router = useRouter();
  const [waiting, setWaiting] = useState<number[]>([]);
  const [changed, setChanged] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const showing = useRef<number[] | null>(null);

  // A comment just posted from the members' shared page, after which this page was loaded afresh.
  useEffect(() => {
    const posted = postedFromCookie();
    if (posted) focusPosted(posted);
  }, []);

  useEffect(() => {
    if (!window.EventSource) return;
    let me = viewer;
    if (shell) void loadMe().then((m) => (me = m?.username ?? null));
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Once the burst is over and no action of the page is pending (its own refresh comes first).
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        afterActions(() => {
          // The members' shared page of someone who has since taken part would be answered by
          // the page rendered for them (another root layout): that takes a load, on request.
          if (shell && hasTakenPart()) setChanged(true);
          else startRefresh(() => router.refresh());
        });
      }, 300);
    };
    const onPage = (id: unknown) => (typeof id === 'number' ? document.getElementById(`c${id}`) : null);
    // The member's own comment: marked by the page rendered for them, or known from /api/v1/me on the shared one.
    const own = (id: unknown) => onPage(id)?.dataset.own === '1' || (shell && typeof id === 'number' && isMine(id));
    const read = (e: Event): Record<string, unknown> => {
      try {
        return JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return {};
      }
    };
    const stream = new EventSource(`/api/v1/articles/${encodeURIComponent(slug)}/events`);
    markStream(stream);
    stream.addEventListener('comment', (e) => {
      const d = read(e);
      if (onPage(d.commentId) || (me && d.author === me)) return;
      if (d.parentId) {
        if (onPage(d.parentId)) refresh();
        return;
      }
      const id = d.commentId as number;
      setWaiting((w) => (w.includes(id) ? w : [...w, id]));
    });
    stream.addEventListener('likes', (e) => {
      const d = read(e);
      if (typeof d.commentId === 'number' && typeof d.likeCount === 'number') setLiveLikeCount(d.commentId, d.likeCount);
    });
    stream.addEventListener('removed', (e) => {
      const d = read(e);
      setWaiting((w) => w.filter((id) => id !== d.commentId));
      if (onPage(d.commentId) && !(d.by === 'author' && own(d.commentId))) refresh();
    });
    stream.addEventListener('edited', (e) => {
      const d = read(e);
      if (onPage(d.commentId) && !own(d.commentId)) refresh();
    });
    stream.addEventListener('lock', refresh);
    stream.addEventListener('resync', refresh);
    return () => {
      stream.close();
      if (timer) clearTimeout(timer);
    };
  }, [slug, viewer, shell, router]);

  // Once the news asked for is on the page: in view; sorted onto another page, the newest first.
  useEffect(() => {
    if (refreshing) return;
    const shown = showing.current;
    showing.current = null;
    if (!shown?.length) return;
    const first = shown.map((id) => document.getElementById(`c${id}`)).find(Boolean);
    if (first) first.scrollIntoView({ block: 'nearest' });
    else if (`${location.pathname}${location.search}` !== `/articles/${slug}?sort=new`) router.push(`/articles/${encodeURIComponent(slug)}?sort=new`);
  }, [refreshing, slug, router]);

  const count = waiting.length;
  if (!count && !changed) return null;
  return (
    <button
      type="button"
      className="live-news"
      disabled={refreshing}
      onClick={() => {
        if (changed || (shell && hasTakenPart())) return location.reload();
        showing.current = waiting;
        setWaiting([]);
        startRefresh(() => router.refresh());
      }}
    >
      {changed ? labels.changed : count === 1 ? labels.newOne : labels.newMany.replace('{count}', String(count))}
    </button>
  );
}
