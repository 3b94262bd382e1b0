// Finds web links in what members type, so that they can be shown as links. Only http and
// https; everything else stays text.
import { LinkifyIt } from 'linkify-it';

const linkify = new LinkifyIt({ fuzzyEmail: false, fuzzyLink: false, fuzzyIP: false });

export type TextPart = { text: string } | { text: string; href: string };

export function splitLinks(text: string): TextPart[] {
  const matches = linkify.match(text) ?? [];
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of matches) {
    if (!/^https?:\/\//i.test(m.url)) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: m.raw, href: m.url });
    at = m.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
