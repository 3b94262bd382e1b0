// Word lists that fit Chinese: no word boundaries. Both the text and each word are folded
// the same way before a substring match: to how they look (lib/text/skeleton.ts: NFKC,
// lower case, no combining marks, Unicode's confusables), with every space, punctuation mark
// and symbol removed, so that "狗 屁", "狗.屁", "ＳＰＡＭ", "s-p-a-m", "ѕраm" (Cyrillic) and
// "s\u0301pam" (a combining accent) all match "spam".
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

/** Where a sentence ends, a match ends: 。！？；, and a line break with more text after it. */
const SENTENCE_END = /[。！？；]|\n(?=\s*\S)/u;

/**
 * The first listed word the text contains, or null. Evasions inside a word are seen through
 * (spaces, dots, look-alikes), but a word never spans two sentences: "略微。信息" is not 微信.
 */
export function findWord(text: string, words: string[]): string | null {
  const sentences = text.split(SENTENCE_END).map(foldForMatching);
  for (const w of words) {
    const f = foldForMatching(w);
    if (f && sentences.some((s) => s.includes(f))) return w;
  }
  return null;
}

/** Read on every check, so a change applies at once on every app instance. */
export async function loadWordLists(tx: Tx): Promise<WordLists> {
  const rules = await tx.wordRule.findMany({ select: { pattern: true, kind: true }, orderBy: { pattern: 'asc' } });
  return {
    banned: rules.filter((r) => r.kind === 'banned').map((r) => r.pattern),
    suspect: rules.filter((r) => r.kind === 'suspect').map((r) => r.pattern),
  };
}

export function cleanWordList(words: unknown): string[] | null {
  if (!Array.isArray(words) || words.length > 5_000) return null;
  const out = new Set<string>();
  for (const w of words) {
    if (typeof w !== 'string') return null;
    const t = w.trim();
    if (!t) continue;
    if ([...t].length > 64 || !foldForMatching(t)) return null;
    out.add(t);
  }
  return [...out];
}
