import 'server-only';
import { cache } from 'react';
import { auth } from '@/auth.ts';
import { db } from '../db/client.ts';

export type Member = NonNullable<Awaited<ReturnType<typeof loadMember>>>;

async function loadMember() {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, username: true, displayName: true, role: true, status: true, suspendedUntil: true, sessionVersion: true, passwordHash: true },
  });
  // Members without a password (imported commenters) can never hold a session.
  if (!user?.passwordHash || user.sessionVersion !== session?.sessionVersion || user.status === 'banned') return null;
  const { passwordHash: _, ...member } = user;
  return member;
}

/** The signed-in member of this request, checked against the database, or null. */
export const currentMember = cache(loadMember);
