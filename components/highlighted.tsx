import type { Segment } from '@/lib/search/query.ts';

/** Text with the search's matches marked (<mark>); every piece is rendered as text. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
