'use client';
// The moderation queue, live, on the staff pages React renders: counts on the tabs and in the
// header follow every report, held comment and decision, from any instance; when the tab in
// view gains items, a button offers to show them. Everything here is React's own state (the
// one-owner rule, docs/decisions/007-one-owner.md): nothing writes into the page behind it.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { markStream } from './mark-stream.ts';

type Counts = { reported: number; held: number; hidden: number; removed: number };
type Live = { all: Counts; scope: Counts };

let live: Live | null = null;
const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

/** A queue count: as rendered until the stream speaks, then as it says. `open` is the whole queue's reported and held. */
export function QueueCount({ kind, initial, className }: { kind: 'open' | keyof Counts; initial: number; className?: string }) {
  const now = useSyncExternalStore(subscribe, () => live, () => null);
  const n = now ? (kind === 'open' ? now.all.reported + now.all.held : now.scope[kind]) : initial;
  return (
    <span className={className} data-queue-count={kind} data-n={n}>
      {n}
    </span>
  );
}

/** Listens to the queue's stream (one per page) and offers the news of the tab in view. */
export function QueueLive({ tab, article, news }: { tab: string; article: string | null; news: string }) {
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    if (!window.EventSource) return;
    let seen: Counts | null = null;
    const stream = new EventSource(`/api/v1/mod/events${article ? `?article=${encodeURIComponent(article)}` : ''}`);
    markStream(stream);
    stream.addEventListener('counts', (e) => {
      let next: Live;
      try {
        next = JSON.parse((e as MessageEvent).data);
      } catch {
        return;
      }
      live = next;
      listeners.forEach((fn) => fn());
      const key = tab as keyof Counts;
      if (seen && typeof next.scope[key] === 'number' && next.scope[key] > seen[key]) setFresh(true);
      seen = next.scope;
    });
    return () => stream.close();
  }, [tab, article]);
  return fresh ? (
    <button type="button" className="mod-news live-news" onClick={() => location.reload()}>
      {news}
    </button>
  ) : null;
}
