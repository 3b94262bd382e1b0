import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { staffWriter } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { setRole } from '@/lib/moderation/admin.ts';

export const PUT = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/mod/roles/[username]'>) => {
  const member = await staffWriter(req, 'admin:roles');
  const { username } = await ctx.params;
  const input = await readJsonObject(req);
  return NextResponse.json({ user: await setRole(db(), member, username, input.role) });
});
