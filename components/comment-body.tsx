import { splitLinks } from '@/lib/text/links.ts';
import { splitMentions } from '@/lib/text/mentions.ts';

/**
 * A comment's text exactly as typed: line breaks kept (CSS), links made clickable, never HTML.
 * `mark` highlights a word where it stands as written (the moderators' queue); the members it
 * mentions link to their profiles.
 */
export function CommentBody({ text, mark, mentions = [] }: { text: string; mark?: string | null; mentions?: readonly string[] }) {
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
          splitMentions(part.text, mentions).map((m, j) =>
            'username' in m ? (
              <a key={`${i}-${j}`} className="mention" href={`/u/${encodeURIComponent(m.username)}`}>
                {m.text}
              </a>
            ) : (
              marked(m.text, i * 1000 + j)
            ),
          )
        ),
      )}
    </div>
  );
}
