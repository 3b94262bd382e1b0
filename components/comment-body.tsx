import { splitLinks } from '@/lib/text/links.ts';

/** A comment's text exactly as typed: line breaks kept (CSS), links made clickable, never HTML. */
export function CommentBody({ text }: { text: string }) {
  return (
    <div className="comment-body">
      {splitLinks(text).map((part, i) =>
        'href' in part ? (
          <a key={i} href={part.href} rel="nofollow ugc noopener" target="_blank">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </div>
  );
}
