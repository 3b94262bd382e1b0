import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { sameOriginMember } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { markNotificationsRead, unreadCount } from '@/lib/notifications/notifications.ts';

/** POST /api/v1/notifications/read { ids? } → { marked, unread }; without ids, all of them. */
export const POST = handle(async (req: NextRequest) => {
  const member = await sameOriginMember(req);
  const input = await readJsonObject(req);
  const marked = await markNotificationsRead(db(), member, input.ids);
  return NextResponse.json({ marked, unread: await unreadCount(db(), member!.id) });
});
