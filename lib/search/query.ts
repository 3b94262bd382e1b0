// A reader's words as a tsquery over yilun_search_vector (prisma/migrations/*_search): the
// same normalisation (NFKC, lower case) and the same pieces. A run of Han, kana or hangul is a
// phrase of its pairs (微信 is one pair; 中华人民 is 中华 <-> 华人 <-> 人民), a single character
// itself; other words match as prefixes (wech finds wechat). Every piece must be found (AND).
// Nothing the reader types reaches the query's syntax: lexemes are the characters matched here.

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3040-\\u30ff\\uac00-\\ud7af';
const PIECES = new RegExp(`[${CJK}]+|[a-z0-9\\u00c0-\\u02af\\u0370-\\u03ff\\u0400-\\u04ff]+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]`, 'u');

export const MAX_QUERY = 100;
/** At most this many pieces are looked for (a pasted paragraph is not a query). */
const MAX_PIECES = 12;

/** The pieces of a query (or of any text) as search sees them. */
export function pieces(text: string): string[] {
  return [...new Set(text.slice(0, MAX_QUERY).normalize('NFKC').toLowerCase().match(PIECES) ?? [])].slice(0, MAX_PIECES);
}

/** The tsquery text for a query, or null when it has nothing to look for. */
export function toTsQuery(text: string): string | null {
  const terms = pieces(text).map((p) => {
    if (!IS_CJK.test(p)) return `'${p}':*`;
    const chars = [...p];
    if (chars.length === 1) return `'${p}'`;
    const pairs = chars.slice(0, -1).map((c, i) => `'${c}${chars[i + 1]}'`);
    return pairs.length === 1 ? pairs[0] : `(${pairs.join(' <-> ')})`;
  });
  return terms.length ? terms.join(' & ') : null;
}

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The text cut into what matched and what did not, for highlighting: every piece of the query
 * found in the text, whatever its width or case (each character is compared as NFKC, lower case).
 */
export function highlight(text: string, query: string, maxLength = 400, ranges: [number, number][] = []): Segment[] {
  const terms = pieces(query);
  const chars = [...text];
  // The normalised form of each character, and where each normalised code unit came from.
  let norm = '';
  const from: number[] = [];
  chars.forEach((c, i) => {
    const n = c.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) from.push(i);
    norm += n;
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    const latin = !IS_CJK.test(term);
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + 1)) {
      // A word matches from its start (as the query's prefixes do).
      if (latin && at > 0 && /[\p{L}\p{N}]/u.test(norm[at - 1]) && !IS_CJK.test(norm[at - 1])) continue;
      for (let k = at; k < at + term.length; k++) marked[from[k]] = true;
    }
  }
  // Matches found otherwise (look-alikes: lib/search/look-alikes.ts), as UTF-16 offsets.
  if (ranges.length) {
    const unitToChar: number[] = [];
    chars.forEach((c, i) => {
      for (let k = 0; k < c.length; k++) unitToChar.push(i);
    });
    for (const [a, b] of ranges) for (let u = a; u < b; u++) marked[unitToChar[u]] = true;
  }
  // Around the first match when the text is long.
  const first = Math.max(0, marked.indexOf(true));
  const start = chars.length > maxLength ? Math.max(0, Math.min(first - 40, chars.length - maxLength)) : 0;
  const end = Math.min(chars.length, start + maxLength);
  const out: Segment[] = [];
  if (start > 0) out.push({ text: '…', mark: false });
  for (let i = start; i < end; i++) {
    const last = out.at(-1);
    if (last && last.mark === marked[i] && last.text !== '…') last.text += chars[i];
    else out.push({ text: chars[i], mark: marked[i] });
  }
  if (end < chars.length) out.push({ text: '…', mark: false });
  return out;
}
