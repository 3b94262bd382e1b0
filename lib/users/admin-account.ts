// `npm run admin -- create USERNAME`: the first admin, or an existing member promoted. Both
// are logged like a role change made in the UI, with no moderator (the command did it).
import type { Db } from '../db/client.ts';
import { logAction } from '../moderation/log.ts';
import { displayNameSkeleton, usernameKey, usernameSkeleton } from './username.ts';

export type AdminOutcome = { done: 'promoted' | 'created'; username: string } | { done: 'imported'; username: string } | { done: 'absent' };

/** Promotes an existing member who can sign in; says so when there is none. */
export async function promoteToAdmin(prisma: Db, username: string): Promise<AdminOutcome> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { usernameKey: usernameKey(username) } });
    if (!existing) return { done: 'absent' as const };
    if (!existing.passwordHash) return { done: 'imported' as const, username: existing.username };
    await tx.user.update({ where: { id: existing.id }, data: { role: 'admin' } });
    await logAction(tx, { moderatorId: null, action: 'role:admin', memberId: existing.id, reason: 'npm run admin' });
    return { done: 'promoted' as const, username: existing.username };
  });
}

export async function createAdmin(prisma: Db, username: string, passwordHash: string): Promise<AdminOutcome> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { username, usernameKey: usernameKey(username), usernameSkeleton: usernameSkeleton(username), displayName: username, displayNameSkeleton: displayNameSkeleton(username), passwordHash, role: 'admin' },
    });
    await logAction(tx, { moderatorId: null, action: 'role:admin', memberId: user.id, reason: 'npm run admin' });
    return { done: 'created' as const, username };
  });
}
