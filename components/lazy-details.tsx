'use client';

import { useEffect, useRef, useState } from 'react';
import { useHydrated } from './use-hydrated.ts';

/**
 * A `<details>` whose content is rendered only once it is first opened: a page of comments
 * carries one summary per card instead of one whole form per card (what made members'
 * pages heavy to render and to send). Once opened the content stays mounted, so closing and
 * reopening keeps what was typed. Without JavaScript (or before hydration) the content is
 * `fallback`: a link to a page that has the form itself.
 */
export function LazyDetails({
  className,
  summary,
  summaryLabel,
  fallback,
  focus,
  eager = false,
  open = false,
  children,
}: {
  className: string;
  summary: React.ReactNode;
  /** The summary's accessible name, where it shows only a symbol. */
  summaryLabel?: string;
  fallback: React.ReactNode;
  /** A selector for the field that takes the focus when the content first appears (the reply's text). */
  focus?: string;
  /** Render the content in the page at once (the comment a permalink is about: its forms work without JavaScript). */
  eager?: boolean;
  /** Start open. */
  open?: boolean;
  children: React.ReactNode;
}) {
  const hydrated = useHydrated();
  const [opened, setOpened] = useState(eager);
  // Only content that appears because the member opened the box takes the focus, never on load.
  const appearing = useRef(false);
  const box = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (opened && focus && appearing.current) {
      const field = box.current?.querySelector<HTMLElement>(focus);
      field?.focus();
      // A prefilled reply ("@name ") is continued, not typed in front of.
      if (field instanceof HTMLTextAreaElement) field.setSelectionRange(field.value.length, field.value.length);
    }
  }, [opened, focus]);
  return (
    <details
      ref={box}
      className={className}
      open={open || undefined}
      onToggle={(e) => {
        if (!e.currentTarget.open || opened) return;
        appearing.current = true;
        setOpened(true);
      }}
    >
      <summary aria-label={summaryLabel} title={summaryLabel}>
        {summary}
      </summary>
      {opened ? children : hydrated ? null : fallback}
    </details>
  );
}
