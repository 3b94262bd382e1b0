/**
 * Whether a thread holds new comments for review now: a moderator switched pre-moderation on,
 * or the breaker did until a time that has not passed (lib/moderation/auto-premod.ts).
 */
export function premodActive(article: { premod: boolean; premodUntil: Date | null }, now = new Date()): boolean {
  return article.premod || (article.premodUntil !== null && article.premodUntil > now);
}
