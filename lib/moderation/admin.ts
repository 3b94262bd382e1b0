import 'server-only';
import type { Db } from '../db/client.ts';
import { DomainError, invalid, notFoundError } from '../errors.ts';
import { assertCan, isSuspended, type Actor } from '../policy.ts';
import { usernameKey } from '../users/username.ts';
import { logAction } from './log.ts';
import { cleanWordList, EXACT_MARK, isExact, loadWordLists, type WordLists } from './words.ts';

/** A listed word as stored: "=word" is the word, matched exactly. */
const stored = (w: string) => (isExact(w) ? { pattern: w.slice(EXACT_MARK.length), exact: true } : { pattern: w, exact: false });

/** Admins grant and revoke the moderator role. */
export async function setRole(prisma: Db, actor: Actor | null, username: string, role: unknown) {
  assertCan(actor, 'admin:roles');
  if (role !== 'member' && role !== 'moderator') throw invalid({ role: 'role_invalid' });
  return prisma.$transaction(async (tx) => {
    const member = await tx.user.findUnique({ where: { usernameKey: usernameKey(username) }, select: { id: true, role: true, passwordHash: true, status: true, suspendedUntil: true, deletedAt: true } });
    if (!member) throw notFoundError('member_not_found');
    if (member.role === 'admin') throw new DomainError(403, 'staff_protected');
    if (!member.passwordHash || member.deletedAt) throw new DomainError(403, 'forbidden');
    // A suspended or banned member is not made staff: lift it first (the policy would leave
    // the role powerless anyway, lib/policy.ts).
    if (role === 'moderator' && (member.status === 'banned' || isSuspended(member))) throw new DomainError(409, 'member_suspended');
    await tx.user.update({ where: { id: member.id }, data: { role } });
    await logAction(tx, { moderatorId: actor.id, action: `role:${role}`, memberId: member.id });
    return { username, role };
  });
}

export async function getWordLists(prisma: Db, actor: Actor | null): Promise<WordLists> {
  assertCan(actor, 'admin:words');
  return loadWordLists(prisma);
}

/** Replaces both lists; applies to the next comment on every instance. */
export async function putWordLists(prisma: Db, actor: Actor | null, input: { banned?: unknown; suspect?: unknown }): Promise<WordLists> {
  assertCan(actor, 'admin:words');
  const banned = cleanWordList(input.banned);
  const suspect = cleanWordList(input.suspect);
  if (!banned || !suspect) throw invalid({ ...(!banned ? { banned: 'words_invalid' } : {}), ...(!suspect ? { suspect: 'words_invalid' } : {}) });
  return prisma.$transaction(async (tx) => {
    await tx.wordRule.deleteMany({});
    await tx.wordRule.createMany({
      data: [
        ...banned.map((w) => ({ ...stored(w), kind: 'banned' as const, createdById: actor.id })),
        ...suspect.map((w) => ({ ...stored(w), kind: 'suspect' as const, createdById: actor.id })),
      ],
      skipDuplicates: true,
    });
    await logAction(tx, { moderatorId: actor.id, action: 'words:update', details: { banned: banned.length, suspect: suspect.length, exact: [...banned, ...suspect].filter(isExact).length } });
    return loadWordLists(tx);
  });
}
