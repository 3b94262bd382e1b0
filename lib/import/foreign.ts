// Reading other systems' exports (issue 22): a Disqus XML export and a WordPress WXR file, as
// their publishers document them, into threads by page address with their comments, parents,
// authors, times and likes where the file has them. Spam, trash, pingbacks and deleted
// comments are left out; a reply whose parent is left out hangs from the nearest ancestor
// that is kept (or becomes a top-level comment).
import { XMLParser } from 'fast-xml-parser';

export interface ForeignComment {
  /** `disqus:ID` or `wordpress:ID`: what makes a second import add nothing. */
  externalId: string;
  parentExternalId: string | null;
  author: string;
  body: string;
  createdAt: Date;
  likes: number;
  /** Waiting for approval where it came from. */
  held: boolean;
}

export interface ForeignThread {
  url: string;
  title: string;
  createdAt: Date | null;
  comments: ForeignComment[];
}

export class ForeignFileError extends Error {}

/** Comment HTML as the text Yilun shows: paragraphs and line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<\s*br\s*\/?>/gi, '\n')
      .replace(/<\/\s*(p|div|blockquote|li|h[1-6])\s*>/gi, '\n\n')
      .replace(/<a\b[^>]*\bhref\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, text: string) => (text.replace(/<[^>]*>/g, '').trim() === href ? href : `${text} (${href})`))
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’' };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

const parser = () =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: false,
    parseTagValue: false,
    trimValues: true,
    cdataPropName: false,
    processEntities: false,
    isArray: (name) => ['thread', 'post', 'item', 'wp:comment', 'wp:commentmeta', 'category'].includes(name),
  });

/** The one element of a name inside another (the parser makes some names lists everywhere). */
const one = (v: unknown): Record<string, unknown> | undefined => (Array.isArray(v) ? v[0] : v) as Record<string, unknown> | undefined;
const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v));
const truthy = (v: unknown) => text(v).trim().toLowerCase() === 'true';
const dateOf = (v: unknown): Date | null => {
  const s = text(v).trim();
  if (!s) return null;
  // WordPress's *_gmt times are "YYYY-MM-DD HH:MM:SS" in UTC.
  const d = new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(s) ? `${s.replace(' ', 'T')}Z` : s);
  return Number.isNaN(d.getTime()) || d.getTime() <= 0 ? null : d;
};
const count = (v: unknown) => {
  const n = Number(text(v));
  return Number.isSafeInteger(n) && n > 0 ? Math.min(n, 1_000_000) : 0;
};

/** Drops the comments left out and re-parents their replies to the nearest ancestor kept. */
function reparent(all: (ForeignComment & { keep: boolean })[]): ForeignComment[] {
  const byId = new Map(all.map((c) => [c.externalId, c]));
  const kept: ForeignComment[] = [];
  for (const c of all) {
    if (!c.keep) continue;
    let parent = c.parentExternalId;
    const seen = new Set<string>();
    while (parent !== null && !seen.has(parent)) {
      seen.add(parent);
      const p = byId.get(parent);
      if (!p) {
        parent = null;
        break;
      }
      if (p.keep) break;
      parent = p.parentExternalId;
    }
    if (parent !== null && seen.has(parent) && !byId.get(parent)?.keep) parent = null;
    const { keep: _keep, ...rest } = c;
    kept.push({ ...rest, parentExternalId: parent });
  }
  return kept;
}

/** A Disqus export (https://help.disqus.com/en/articles/1717164-comments-export). */
export function parseDisqus(xml: string): ForeignThread[] {
  const doc = parser().parse(xml) as Record<string, unknown>;
  const root = doc.disqus as Record<string, unknown> | undefined;
  if (!root) throw new ForeignFileError('not a Disqus export: no <disqus> element');
  const threads = new Map<string, ForeignThread>();
  for (const t of (root.thread as Record<string, unknown>[] | undefined) ?? []) {
    const id = text(t['@dsq:id']);
    const url = text(t.link);
    if (!id || !url) continue;
    threads.set(id, { url, title: text(t.title) || url, createdAt: dateOf(t.createdAt), comments: [] });
  }
  const posts = new Map<string, (ForeignComment & { keep: boolean; thread: string })[]>();
  for (const p of (root.post as Record<string, unknown>[] | undefined) ?? []) {
    const id = text(p['@dsq:id']);
    const thread = text(one(p.thread)?.['@dsq:id']);
    if (!id || !threads.has(thread)) continue;
    const author = p.author as Record<string, unknown> | undefined;
    const parent = text(one(p.parent)?.['@dsq:id']);
    const body = htmlToText(text(p.message));
    const createdAt = dateOf(p.createdAt);
    const list = posts.get(thread) ?? [];
    list.push({
      externalId: `disqus:${id}`,
      parentExternalId: parent ? `disqus:${parent}` : null,
      author: (text(author?.name) || text(author?.username) || 'Anonymous').trim().slice(0, 64),
      body,
      createdAt: createdAt ?? new Date(0),
      likes: count(p.likes),
      held: truthy(p.isApproved) === false && text(p.isApproved) !== '',
      keep: !truthy(p.isDeleted) && !truthy(p.isSpam) && body !== '' && createdAt !== null,
      thread,
    });
    posts.set(thread, list);
  }
  for (const [id, list] of posts) threads.get(id)!.comments = reparent(list);
  return [...threads.values()];
}

/** A WordPress export (WXR 1.1/1.2: Tools → Export). */
export function parseWxr(xml: string): ForeignThread[] {
  const doc = parser().parse(xml) as Record<string, unknown>;
  const channel = (doc.rss as Record<string, unknown> | undefined)?.channel as Record<string, unknown> | undefined;
  if (!channel) throw new ForeignFileError('not a WordPress export (WXR): no <rss><channel>');
  const out: ForeignThread[] = [];
  for (const item of (channel.item as Record<string, unknown>[] | undefined) ?? []) {
    const url = text(item.link);
    if (!url || text(item['wp:post_type']) === 'attachment') continue;
    const all: (ForeignComment & { keep: boolean })[] = [];
    for (const c of (item['wp:comment'] as Record<string, unknown>[] | undefined) ?? []) {
      const id = text(c['wp:comment_id']);
      if (!id) continue;
      const approved = text(c['wp:comment_approved']);
      const type = text(c['wp:comment_type']);
      const parent = text(c['wp:comment_parent']);
      const body = htmlToText(text(c['wp:comment_content']));
      const createdAt = dateOf(c['wp:comment_date_gmt']) ?? dateOf(c['wp:comment_date']);
      const meta = (c['wp:commentmeta'] as Record<string, unknown>[] | undefined) ?? [];
      const likes = meta.find((m) => /^(likes|_?comment_likes?|_?like_count)$/i.test(text(m['wp:meta_key'])));
      all.push({
        externalId: `wordpress:${id}`,
        parentExternalId: parent && parent !== '0' ? `wordpress:${parent}` : null,
        author: (text(c['wp:comment_author']) || 'Anonymous').trim().slice(0, 64),
        body,
        createdAt: createdAt ?? new Date(0),
        likes: likes ? count(likes['wp:meta_value']) : 0,
        held: approved === '0',
        keep: (approved === '1' || approved === '0') && (type === '' || type === 'comment') && body !== '' && createdAt !== null,
      });
    }
    out.push({ url, title: text(item.title) || url, createdAt: dateOf(item['wp:post_date_gmt']), comments: reparent(all) });
  }
  return out;
}
