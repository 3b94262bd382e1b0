// Word lists that fit Chinese: no word boundaries. Both the text and each word are folded
// the same way before a substring match: to how they look (lib/text/skeleton.ts: NFKC,
// lower case, no combining marks, Unicode's confusables), with every space, punctuation mark
// and symbol removed, so that "狗 屁", "狗.屁", "ＳＰＡＭ", "s-p-a-m", "ѕраm" (Cyrillic) and
// "s\u0301pam" (a combining accent) all match "spam". A word an admin marks exact ("=word")
// is matched as typed instead, for words that collide with everyday text once folded.
import type { Db } from '../db/client.ts';
import { skeleton } from '../text/skeleton.ts';

type Tx = Pick<Db, 'wordRule'>;

export function foldForMatching(text: string): string {
  return skeleton(text).replace(/[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]+/gu, '');
}

export interface WordLists {
  banned: string[];
  suspect: string[];
}

/**
 * Where a sentence ends, a match ends: 。！？；, and a line break with more text after it. So
 * does a clause in Chinese prose (，、：): "这是一只小狗，屁股圆圆的" is not 狗屁. Evasions use
 * spaces, dots and symbols (and ASCII commas), which are still seen through.
 */
const SENTENCE_END = /[。！？；，、：]|\n(?=\s*\S)/gu;

/** An "exact" word is written with a leading "=": matched as typed, with no folding. */
export const EXACT_MARK = '=';
export const isExact = (w: string) => w.startsWith(EXACT_MARK) && w.length > 1;

/** Each code point's fold, cached: folding is per character, so a match maps back to the text. */
const folds = new Map<string, string>();
const foldChar = (ch: string) => {
  let f = folds.get(ch);
  if (f === undefined) {
    f = foldForMatching(ch);
    if (folds.size < 100_000) folds.set(ch, f);
  }
  return f;
};

/** A sentence folded, with where each folded unit came from in the original text. */
function foldWithOffsets(text: string, from: number) {
  let folded = '';
  const at: number[] = [];
  const ends: number[] = [];
  let i = from;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) {
      at.push(i);
      ends.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  return { folded, at, ends };
}

function sentences(text: string) {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    out.push({ text: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out;
}

export interface WordMatch {
  /** The word as listed (with its "=" when exact). */
  word: string;
  /** Where it stands in the text, as written: text.slice(start, end). */
  start: number;
  end: number;
}

/**
 * The first listed word the text contains, and where. Evasions inside a word are seen
 * through (spaces, dots, look-alikes, zero-width characters), but a word never spans two
 * sentences: "略微。信息" is not 微信. Exact words match only as typed.
 */
export function matchWord(text: string, words: string[]): WordMatch | null {
  const parts = sentences(text);
  let folded: ReturnType<typeof foldWithOffsets>[] | null = null;
  for (const w of words) {
    if (isExact(w)) {
      const word = w.slice(EXACT_MARK.length);
      for (const p of parts) {
        const i = p.text.indexOf(word);
        if (i >= 0) return { word: w, start: p.start + i, end: p.start + i + word.length };
      }
      continue;
    }
    const f = foldForMatching(w);
    if (!f) continue;
    folded ??= parts.map((p) => foldWithOffsets(p.text, p.start));
    for (const p of folded) {
      const i = p.folded.indexOf(f);
      if (i >= 0) return { word: w, start: p.at[i], end: p.ends[i + f.length - 1] };
    }
  }
  return null;
}

/** The first listed word the text contains, or null. */
export function findWord(text: string, words: string[]): string | null {
  return matchWord(text, words)?.word ?? null;
}

/**
 * A comment with a banned word is refused with the word as the member wrote it ("违.禁.词 甲"),
 * so that they can find it and change it; null when there is none.
 */
export function bannedAsWritten(text: string, banned: string[]): string | null {
  const m = matchWord(text, banned);
  return m ? text.slice(m.start, m.end) : null;
}

/** Read on every check, so a change applies at once on every app instance. */
export async function loadWordLists(tx: Tx): Promise<WordLists> {
  const rules = await tx.wordRule.findMany({ select: { pattern: true, kind: true, exact: true }, orderBy: { pattern: 'asc' } });
  const listed = (r: (typeof rules)[number]) => (r.exact ? EXACT_MARK + r.pattern : r.pattern);
  return {
    banned: rules.filter((r) => r.kind === 'banned').map(listed),
    suspect: rules.filter((r) => r.kind === 'suspect').map(listed),
  };
}

export function cleanWordList(words: unknown): string[] | null {
  if (!Array.isArray(words) || words.length > 5_000) return null;
  const out = new Set<string>();
  for (const w of words) {
    if (typeof w !== 'string') return null;
    const t = w.trim();
    if (!t) continue;
    const word = isExact(t) ? t.slice(EXACT_MARK.length).trim() : t;
    if ([...word].length > 64 || !foldForMatching(word)) return null;
    out.add(isExact(t) ? EXACT_MARK + word : word);
  }
  return [...out];
}
