// A member's e-mail address: optional, given at sign-up or in settings, and counting only once
// it is verified by a link sent to it. Verified addresses are unique (compared as emailKey);
// an address is never shown to anyone but its member (and the export of their data).
import 'server-only';
import type { Db } from '../db/client.ts';
import type { Locale } from '@/i18n/locales.ts';
import { DomainError, invalid } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { hit } from '../rate-limit.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { createToken, retireTokens, takeToken, VERIFY_HOURS } from '../auth/account-tokens.ts';
import { queueMail, wakeMailer } from '../mail/outbox.ts';
import { verifyMail } from '../mail/compose.ts';
import { verifyPassword } from '../auth/password.ts';
import { emailKey, emailSchema } from './schemas.ts';

/** The address as typed, checked; a refusal on the `email` field when it is not one. */
export function parseEmail(raw: unknown): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw invalid({ email: 'email_invalid' });
  return parsed.data;
}

/** Where links in mail point: YILUN_PUBLIC_URL, else the origin of the request asking. */
export interface MailContext {
  locale: Locale;
  origin: string;
}

/**
 * Sends a link that makes `email` the member's address once opened (24 hours). Earlier
 * links stop working. Counted against the member's limit.
 */
export async function sendVerification(prisma: Db, userId: number, email: string, ctx: MailContext): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await hit(tx, 'addressMails', userId);
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, displayName: true } });
    await retireTokens(tx, userId, 'verify');
    const token = await createToken(tx, { userId, purpose: 'verify', email, seconds: VERIFY_HOURS * 3600 });
    const link = `${ctx.origin}/verify-email?token=${token}`;
    await queueMail(tx, { userId, to: email, kind: 'verify', ...verifyMail(ctx.locale, { name: user.displayName, username: user.username, email, link }) });
  });
  wakeMailer();
}

/**
 * A new address from settings, with the current password (whoever holds an open session
 * should not be able to move the account's resets to an address of theirs).
 */
export async function changeEmail(prisma: Db, actor: Actor | null, input: { email: unknown; currentPassword: unknown }, ctx: MailContext): Promise<{ email: string }> {
  assertCan(actor, 'account:write');
  const email = parseEmail(input.email);
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, hasPassword: true, deletedAt: true } });
  if (!user?.passwordHash || user.deletedAt) throw new DomainError(401, 'unauthenticated');
  // (A member without a password of their own, who came in through another identity, has only their session to show.)
  if (user.hasPassword) {
    await hit(prisma, 'passwordChecks', actor.id);
    if (typeof input.currentPassword !== 'string' || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw invalid({ currentPassword: 'password_wrong' });
  }
  await sendVerification(prisma, actor.id, email, ctx);
  return { email };
}

/** Opens a verification link: the address becomes the member's (and mail to it starts again). */
export async function verifyEmail(prisma: Db, token: unknown): Promise<{ userId: number; email: string }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await takeToken(tx, token, 'verify');
      if (!row?.email) throw invalid({ token: 'token_invalid' });
      const key = emailKey(row.email);
      const other = await tx.user.findFirst({ where: { emailKey: key, id: { not: row.userId } }, select: { id: true } });
      if (other) throw invalid({ token: 'email_taken' });
      const done = await tx.user.updateMany({
        where: { id: row.userId, deletedAt: null },
        data: { email: row.email, emailKey: key, emailVerifiedAt: new Date(), emailBouncedAt: null },
      });
      if (done.count === 0) throw invalid({ token: 'token_invalid' });
      return { userId: row.userId, email: row.email };
    });
  } catch (err) {
    // Two accounts verifying one address at once: the unique index decides.
    if (isUniqueViolation(err)) throw invalid({ token: 'email_taken' });
    throw err;
  }
}

/** The member drops their address (and any link on its way to a new one). */
export async function removeEmail(prisma: Db, actor: Actor | null): Promise<void> {
  assertCan(actor, 'account:write');
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { email: null, emailKey: null, emailVerifiedAt: null, emailBouncedAt: null } });
    await retireTokens(tx, actor.id, 'verify');
  });
}

export interface EmailState {
  /** The verified address. */
  email: string | null;
  bounced: boolean;
  /** An address waiting for its link to be opened. */
  pending: string | null;
  /** Notification mail: off, each, digest (lib/mail/notification-mail.ts). */
  mode: string;
}

/** What the settings page says about the member's address. */
export async function emailState(prisma: Db, userId: number): Promise<EmailState> {
  const [user, pending] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true, emailBouncedAt: true, mailNotifications: true } }),
    prisma.accountToken.findFirst({ where: { userId, purpose: 'verify', usedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: 'desc' }, select: { email: true } }),
  ]);
  return { email: user?.emailVerifiedAt ? user.email : null, bounced: !!user?.emailBouncedAt, pending: pending?.email ?? null, mode: user?.mailNotifications ?? 'digest' };
}
