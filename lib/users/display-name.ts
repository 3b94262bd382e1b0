// What a display name may be beyond its form (lib/users/schemas.ts): free of the word lists'
// banned words, as comments are, and not a look-alike of another member's username or display
// name (cards show only display names: a member showing as "spadmin" could pass for the admin,
// one showing as another member's name could speak for them).
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { bannedAsWritten, loadWordLists } from '../moderation/words.ts';
import { displayNameSkeleton, usernameKey, usernameSkeleton } from './username.ts';

export async function assertDisplayNameAllowed(prisma: Db, displayName: string, selfId: number | null): Promise<void> {
  const banned = bannedAsWritten(displayName, (await loadWordLists(prisma)).banned);
  if (banned) throw new DomainError(422, 'invalid', { displayName: 'display_name_banned_word' }, { word: banned });
  const other = await prisma.user.findFirst({
    where: { OR: [{ usernameSkeleton: usernameSkeleton(displayName) }, { usernameKey: usernameKey(displayName) }], ...(selfId ? { NOT: { id: selfId } } : {}) },
    select: { id: true },
  });
  if (other) throw new DomainError(422, 'invalid', { displayName: 'display_name_lookalike' });
  const twin = await prisma.user.findFirst({
    where: { OR: [{ displayNameSkeleton: displayNameSkeleton(displayName) }, { displayName }], ...(selfId ? { NOT: { id: selfId } } : {}) },
    select: { id: true },
  });
  if (twin) throw new DomainError(422, 'invalid', { displayName: 'display_name_lookalike_display' });
}
