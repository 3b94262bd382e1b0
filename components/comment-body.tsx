import { splitLinks } from '@/lib/text/links.ts';

/**
 * A comment's text exactly as typed: line breaks kept (CSS), links made clickable, never HTML.
 * `mark` highlights a word where it stands as written (the moderators' queue).
 */
export function CommentBody({ text, mark }: { text: string; mark?: string | null }) {
  const marked = (s: string, key: number) => {
    if (!mark) return s;
    const at = s.toLowerCase().indexOf(mark.toLowerCase());
    if (at < 0) return s;
    return (
      <span key={key}>
        {s.slice(0, at)}
        <mark>{s.slice(at, at + mark.length)}</mark>
        {marked(s.slice(at + mark.length), key)}
      </span>
    );
  };
  return (
    <div className="comment-body">
      {splitLinks(text).map((part, i) =>
        'href' in part ? (
          <a key={i} href={part.href} rel="nofollow ugc noopener" target="_blank">
            {part.text}
          </a>
        ) : (
          marked(part.text, i)
        ),
      )}
    </div>
  );
}
