// A forgotten password: a link by mail to the member's verified address, or one an admin makes
// and hands over (for members without an address). The answer to a request is the same
// whether or not the account or the address exists; only the token's hash is kept; a reset
// ends every session of the member.
import 'server-only';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { DomainError, invalid } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { hit, rateLimitsOn, limitCount } from '../rate-limit.ts';
import { hashPassword, passwordWeakness } from '../auth/password.ts';
import { ADMIN_RESET_HOURS, createToken, peekToken, RESET_MINUTES, retireTokens, takeToken } from '../auth/account-tokens.ts';
import { queueMail, wakeMailer } from '../mail/outbox.ts';
import { resetMail } from '../mail/compose.ts';
import { logAction } from '../moderation/log.ts';
import { fieldCodes } from '../zod-fields.ts';
import { passwordSchema, emailKey } from './schemas.ts';
import { usernameKey } from './username.ts';
import type { MailContext } from './email.ts';

/**
 * "忘记密码？": `who` is a username or a verified address. Whatever it names, the caller says the
 * same thing; a link goes only to a verified address that has not bounced, of an account that
 * can sign in, at most RESET_ACCOUNT times an hour (past that, the same answer and no mail).
 * Requests from one network address are limited (that refusal says nothing of any account).
 */
export async function requestPasswordReset(prisma: Db, input: { who: unknown }, ctx: MailContext & { address: string }): Promise<void> {
  const who = typeof input.who === 'string' ? input.who.normalize('NFKC').trim() : '';
  if (!who || who.length > 254) throw invalid({ who: 'who_required' });
  await hit(prisma, 'resetAddress', ctx.address);
  const byEmail = who.includes('@');
  const user = await prisma.user.findFirst({
    where: {
      deletedAt: null,
      passwordHash: { not: null },
      status: { not: 'banned' },
      ...(byEmail ? { emailKey: emailKey(who), emailVerifiedAt: { not: null } } : { usernameKey: usernameKey(who) }),
    },
    select: { id: true, username: true, displayName: true, email: true, emailVerifiedAt: true, emailBouncedAt: true },
  });
  if (!user?.email || !user.emailVerifiedAt || user.emailBouncedAt) return;
  const queued = await prisma.$transaction(async (tx) => {
    if (rateLimitsOn()) {
      const count = limitCount('resetAccount', user.id);
      const [row] = await tx.$queryRaw<{ count: number }[]>(count.upsert);
      if (row.count > count.limit) return false;
    }
    const token = await createToken(tx, { userId: user.id, purpose: 'reset', seconds: RESET_MINUTES * 60 });
    const link = `${ctx.origin}/reset-password?token=${token}`;
    await queueMail(tx, { userId: user.id, to: user.email!, kind: 'reset', ...resetMail(ctx.locale, { name: user.displayName, username: user.username, link }) });
    return true;
  });
  if (queued) wakeMailer();
}

/** Whose password a live reset link sets (the reset page names them), or null. */
export async function resetTarget(prisma: Db, token: unknown): Promise<{ username: string } | null> {
  const row = await peekToken(prisma, token, 'reset');
  if (!row) return null;
  const user = await prisma.user.findUnique({ where: { id: row.userId }, select: { username: true, deletedAt: true, passwordHash: true } });
  return user && !user.deletedAt && user.passwordHash ? { username: user.username } : null;
}

/**
 * Sets the new password that a live reset link allows (the strength rules of sign-up), uses
 * the link and every other reset link of the member up, and ends all their sessions. Returns
 * the username, for the caller to sign them in with the new password.
 */
export async function resetPassword(prisma: Db, input: { token: unknown; newPassword: unknown }): Promise<{ username: string }> {
  const row = await peekToken(prisma, input.token, 'reset');
  if (!row) throw invalid({ token: 'token_invalid' });
  const user = await prisma.user.findUnique({ where: { id: row.userId }, select: { id: true, username: true, displayName: true, deletedAt: true, passwordHash: true } });
  if (!user || user.deletedAt || !user.passwordHash) throw invalid({ token: 'token_invalid' });
  const parsed = z.object({ newPassword: passwordSchema }).safeParse({ newPassword: input.newPassword });
  if (!parsed.success) throw invalid(Object.fromEntries(Object.values(fieldCodes(parsed.error)).map((v) => ['newPassword', v])));
  const weakness = passwordWeakness(parsed.data.newPassword, [user.username, user.displayName]);
  if (weakness) throw invalid({ newPassword: weakness });
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await prisma.$transaction(async (tx) => {
    // Used up here, in the same transaction as the password: two tabs with the same link cannot both set one.
    const taken = await takeToken(tx, input.token, 'reset');
    if (!taken || taken.userId !== user.id) throw invalid({ token: 'token_invalid' });
    await retireTokens(tx, user.id, 'reset');
    // (A member who came in through another identity has a password of their own from now on.)
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, hasPassword: true, sessionVersion: { increment: 1 } } });
    await logAction(tx, { moderatorId: taken.createdBy, memberId: user.id, action: 'member:password-reset', details: { by: taken.createdBy ? 'admin-link' : 'mail' } });
  });
  return { username: user.username };
}

/**
 * An admin makes a one-time reset link for a member (one without a verified address, who
 * cannot get one by mail), to hand over themselves: valid ADMIN_RESET_HOURS, logged.
 */
export async function adminResetLink(prisma: Db, actor: Actor | null, username: unknown, origin: string): Promise<{ link: string; username: string }> {
  assertCan(actor, 'admin:reset-link');
  if (typeof username !== 'string' || !username.trim()) throw new DomainError(404, 'member_not_found');
  const user = await prisma.user.findUnique({ where: { usernameKey: usernameKey(username.trim()) }, select: { id: true, username: true, deletedAt: true, passwordHash: true } });
  if (!user || user.deletedAt || !user.passwordHash) throw new DomainError(404, 'member_not_found');
  const token = await prisma.$transaction(async (tx) => {
    const token = await createToken(tx, { userId: user.id, purpose: 'reset', createdBy: actor.id, seconds: ADMIN_RESET_HOURS * 3600 });
    await logAction(tx, { moderatorId: actor.id, memberId: user.id, action: 'member:reset-link', details: { hours: ADMIN_RESET_HOURS } });
    return token;
  });
  return { link: `${origin}/reset-password?token=${token}`, username: user.username };
}
