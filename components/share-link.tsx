'use client';
// "分享" on a comment, on the pages React renders: the browser's share sheet where it has one
// (phones), else the permalink copied to the clipboard, said in place. Without JavaScript it is
// the permalink itself. (Readers' pages carry the same link; /live.js does the same there:
// docs/decisions/007-one-owner.md.)
import { useState } from 'react';

export function ShareLink({ href, title, labels }: { href: string; title: string; labels: { share: string; copied: string } }) {
  const [copied, setCopied] = useState(false);
  return (
    <a
      className="share"
      href={href}
      data-share={title}
      onClick={(e) => {
        const url = new URL(href, location.href).href;
        if (navigator.share) {
          e.preventDefault();
          navigator.share({ title, url }).catch(() => {});
        } else if (navigator.clipboard) {
          e.preventDefault();
          navigator.clipboard.writeText(url).then(
            () => {
              setCopied(true);
              setTimeout(() => setCopied(false), 2500);
            },
            () => location.assign(url),
          );
        }
      }}
    >
      <span aria-live="polite">{copied ? labels.copied : labels.share}</span>
    </a>
  );
}
