// Atom 1.0 (RFC 4287) documents, written by hand: a few elements, every text escaped, and
// characters XML 1.0 cannot hold (controls other than tab and line breaks, lone surrogates,
// U+FFFE/U+FFFF) dropped, so that any comment text makes a well-formed feed.

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  published?: Date;
  author: string;
  content: string;
}

export function atomFeed(feed: { id: string; title: string; link: string; self: string; updated: Date; entries: AtomEntry[] }): string {
  const entry = (e: AtomEntry) => `  <entry>
    <id>${xmlText(e.id)}</id>
    <title>${xmlText(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>
    <updated>${e.updated.toISOString()}</updated>
${e.published ? `    <published>${e.published.toISOString()}</published>\n` : ''}    <author><name>${xmlText(e.author)}</name></author>
    <content type="text">${xmlText(e.content)}</content>
  </entry>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlText(feed.id)}</id>
  <title>${xmlText(feed.title)}</title>
  <link rel="alternate" type="text/html" href="${xmlText(feed.link)}"/>
  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>
  <updated>${feed.updated.toISOString()}</updated>
${feed.entries.map(entry).join('\n')}
</feed>
`;
}

export const atomResponse = (xml: string) =>
  new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=60' } });
