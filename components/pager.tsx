import { getTranslations } from 'next-intl/server';

// "Newer" and "older" for the keyset-paged lists rendered per request. Keyset cursors only
// go forward; the way back is the trail of the cursors the reader came through, carried in
// the address (`trail`, at most TRAIL_MAX; past that, "newer" starts from the first page).
export const TRAIL_MAX = 10;
const FIRST = '_';
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

/** The trail as the address carries it: cursors (or `_`, the first page), oldest first. */
export function parseTrail(value: unknown): string[] {
  if (typeof value !== 'string' || !value) return [];
  const parts = value.split('.');
  return parts.length <= TRAIL_MAX && parts.every((p) => p === FIRST || CURSOR.test(p)) ? parts : [];
}

/**
 * The links: older (the next cursor, this page added to the trail) and newer (the last page
 * of the trail; the first page when the trail is lost). `base` is the list's address with its
 * filters; `cursor` the page shown (null: the first).
 */
export async function Pager({ base, cursor, nextCursor, trail }: { base: string; cursor: string | null; nextCursor: string | null; trail: string[] }) {
  const t = await getTranslations('pager');
  const href = (c: string | null, tr: string[]) => {
    const url = new URL(base, 'http://x');
    if (c) url.searchParams.set('cursor', c);
    else url.searchParams.delete('cursor');
    if (tr.length) url.searchParams.set('trail', tr.join('.'));
    else url.searchParams.delete('trail');
    return url.pathname + url.search;
  };
  const back = cursor ? (trail.length ? trail.at(-1)! : FIRST) : null;
  if (!back && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={t('label')}>
      {back ? (
        <a href={href(back === FIRST ? null : back, trail.slice(0, -1))} rel="prev">
          ← {t('newer')}
        </a>
      ) : null}
      {nextCursor ? (
        <a href={href(nextCursor, [...trail, cursor ?? FIRST].slice(-TRAIL_MAX))} rel="next">
          {t('older')} →
        </a>
      ) : null}
    </nav>
  );
}
