// @username mentions in what members write. A mention is "@" followed by the characters a
// username may hold; since Chinese is written without spaces ("@开心就好你说得对"), the longest
// run that names a member is the mention. Which names are members is decided when the comment
// is written (lib/comments/mentions.ts) and stored with it; the text links those, and only
// those: a mention of nobody is plain text.

/** Letters of any script, digits 0–9 and "_", as in usernames (lib/users/schemas.ts). */
const RUN = /@([\p{L}0-9_]{3,})/gu;
export const MENTION_MIN = 3;
export const MENTION_MAX_LENGTH = 32;

/** Every name an "@" could stand for: each run's prefixes, longest first (at most 32 characters). */
export function mentionCandidates(text: string): string[][] {
  const out: string[][] = [];
  for (const m of text.matchAll(RUN)) {
    // Not an address: "me@example" is not a mention.
    const before = m.index > 0 ? text[m.index - 1] : '';
    if (before && /[\p{L}0-9_.]/u.test(before)) continue;
    const run = [...m[1]].slice(0, MENTION_MAX_LENGTH);
    const prefixes: string[] = [];
    for (let n = run.length; n >= MENTION_MIN; n--) prefixes.push(run.slice(0, n).join(''));
    out.push(prefixes);
  }
  return out;
}

export type MentionPart = { text: string } | { text: string; username: string };

/**
 * Splits text at the mentions of the given members (usernames as stored; matched without
 * regard to case), so that they can be shown as links to their profiles.
 */
export function splitMentions(text: string, usernames: readonly string[]): MentionPart[] {
  if (!usernames.length || !text.includes('@')) return [{ text }];
  const byKey = new Map(usernames.map((u) => [u.normalize('NFKC').toLowerCase(), u]));
  const parts: MentionPart[] = [];
  let at = 0;
  for (const m of text.matchAll(RUN)) {
    const before = m.index > 0 ? text[m.index - 1] : '';
    if (before && /[\p{L}0-9_.]/u.test(before)) continue;
    const run = [...m[1]].slice(0, MENTION_MAX_LENGTH);
    for (let n = run.length; n >= MENTION_MIN; n--) {
      const name = run.slice(0, n).join('');
      const username = byKey.get(name.normalize('NFKC').toLowerCase());
      if (!username) continue;
      if (m.index > at) parts.push({ text: text.slice(at, m.index) });
      parts.push({ text: `@${name}`, username });
      at = m.index + 1 + name.length;
      break;
    }
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
