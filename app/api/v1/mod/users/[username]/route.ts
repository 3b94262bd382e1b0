import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { staffWriter } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { moderateMember } from '@/lib/moderation/moderate-member.ts';
import { isoChinaTime } from '@/lib/time.ts';

export const POST = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/mod/users/[username]'>) => {
  const member = await staffWriter(req, 'mod:member');
  const { username } = await ctx.params;
  const r = await moderateMember(db(), member, username, await readJsonObject(req));
  return NextResponse.json({
    user: { username: r.username, status: r.status, suspendedUntil: r.suspendedUntil ? isoChinaTime(r.suspendedUntil) : null },
    removedComments: r.removedComments,
  });
});
