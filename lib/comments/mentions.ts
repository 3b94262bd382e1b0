import 'server-only';
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { mentionCandidates } from '../text/mentions.ts';
import { usernameKey } from '../users/username.ts';

/** A comment names at most this many members; more is mention spam, and refused. */
export const MENTION_LIMIT = 5;

export interface Mentioned {
  id: number;
  username: string;
}

/**
 * The members a text mentions, resolved without regard to case, longest name first; unknown
 * names are not mentions. More than MENTION_LIMIT different members refuses the text.
 * Deleted accounts are nobody to mention.
 */
export async function resolveMentions(prisma: Db, text: string): Promise<Mentioned[]> {
  const runs = mentionCandidates(text);
  if (!runs.length) return [];
  // A run of many "@"s is spam whatever it names; bounded before it reaches the database.
  if (runs.length > 50) throw new DomainError(422, 'invalid', { body: 'body_too_many_mentions' }, { limit: MENTION_LIMIT });
  const keys = [...new Set(runs.flat().map(usernameKey))];
  const users = await prisma.user.findMany({ where: { usernameKey: { in: keys }, deletedAt: null }, select: { id: true, username: true, usernameKey: true } });
  const byKey = new Map(users.map((u) => [u.usernameKey, u]));
  const found = new Map<number, Mentioned>();
  for (const prefixes of runs) {
    const hit = prefixes.map((p) => byKey.get(usernameKey(p))).find(Boolean);
    if (hit) found.set(hit.id, { id: hit.id, username: hit.username });
  }
  if (found.size > MENTION_LIMIT) throw new DomainError(422, 'invalid', { body: 'body_too_many_mentions' }, { limit: MENTION_LIMIT });
  return [...found.values()];
}
