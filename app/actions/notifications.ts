'use server';

import { redirect } from 'next/navigation';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { markNotificationsRead } from '@/lib/notifications/notifications.ts';

/** "Mark all read" on /notifications (works without JavaScript). */
export async function markAllReadAction() {
  const member = await currentMember();
  if (!member) redirect('/signin?callbackUrl=/notifications');
  await markNotificationsRead(db(), member);
  redirect('/notifications');
}
