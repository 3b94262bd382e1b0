import type { Db } from '../db/client.ts';

/**
 * Ends one session on the server: its id is refused from now on (lib/auth/current-member.ts),
 * so a copy of its cookie is worth nothing after a plain sign-out. The row is kept until the
 * token would have expired anyway; expired rows go now and then.
 */
export async function endSession(prisma: Db, session: { sid: string | null; exp: number } | null): Promise<void> {
  if (!session?.sid) return;
  const expiresAt = new Date(session.exp * 1000);
  await prisma.revokedSession.upsert({ where: { sid: session.sid }, create: { sid: session.sid, expiresAt }, update: {} });
  if (Math.random() < 0.05) await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

/** "Sign out everywhere": every session of the member ends at once, on every instance. */
export async function endEverySession(prisma: Db, memberId: number): Promise<void> {
  await prisma.user.update({ where: { id: memberId }, data: { sessionVersion: { increment: 1 } } });
}
