// Evasions, for staff (issue 23): a word written with look-alike characters (Cyrillic а for a,
// ０ for 0, 𝐰 for w) or pulled apart by spaces and punctuation (w.e.c.h.a.t, 微 信) is found by
// matching the text against a pattern built from the query: each character stands for every
// character Unicode's confusables data (lib/text/skeleton.ts) gives the same prototype, with up
// to two separators allowed between characters. A scan, not the index: for staff, who ask for it.
import { pieces } from './query.ts';
import { CONFUSABLES } from '../text/skeleton.ts';

/** Every character whose prototype is this one (single characters only), the prototype included. */
const byPrototype = (() => {
  const map = new Map<string, Set<string>>();
  for (const [ch, proto] of Object.entries(CONFUSABLES)) {
    if ([...proto].length !== 1 || [...ch].length !== 1) continue;
    const p = proto.toLowerCase();
    if (!map.has(p)) map.set(p, new Set([p, p.toUpperCase()]));
    map.get(p)!.add(ch);
  }
  return map;
})();

/** A character as PostgreSQL's regular expressions read it inside a bracket expression. */
const inBracket = (c: string) => (/[\\\]^[-]/.test(c) ? `\\${c}` : c);

/** The prototype of one character (as skeleton() folds it: NFKC, lower case). */
const prototypeOf = (c: string) => {
  const folded = c.normalize('NFKC').toLowerCase();
  const proto = CONFUSABLES[folded] ?? folded;
  return [...proto].length === 1 ? proto.toLowerCase() : folded;
};

/**
 * One pattern per piece of the query (all must match), or none when it has nothing to look for:
 * PostgreSQL's flavour, or JavaScript's (`js`, for marking what matched).
 */
export function lookAlikePatterns(query: string, js = false): string[] {
  const SEP = js ? '[\\s\\p{P}\\p{S}_·・]{0,2}' : '[[:space:][:punct:]_·・]{0,2}';
  return pieces(query).map((piece) =>
    [...piece]
      .map((c) => {
        const proto = prototypeOf(c);
        const chars = new Set([c, c.toUpperCase(), proto, ...(byPrototype.get(proto) ?? [])]);
        // Full-width forms fold to these by NFKC; the text is not folded, so they are listed too.
        for (const x of [...chars]) {
          const code = x.codePointAt(0)!;
          if (code >= 0x21 && code <= 0x7e) chars.add(String.fromCodePoint(code + 0xfee0));
        }
        return `[${[...chars].map(inBracket).join('')}]`;
      })
      .join(SEP),
  );
}

/** Where the patterns match in a text, as the highlighter's segments take them. */
export function lookAlikeRanges(text: string, query: string): [number, number][] {
  const out: [number, number][] = [];
  for (const p of lookAlikePatterns(query, true)) {
    for (const m of text.matchAll(new RegExp(p, 'giu'))) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
