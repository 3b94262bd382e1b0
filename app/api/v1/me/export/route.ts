import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { exportAccount } from '@/lib/users/account.ts';

/** GET /api/v1/me/export → the signed-in member's data as a JSON download: profile, comments, likes, reports. */
export const GET = handle(async () => {
  const member = await currentMember();
  const data = await exportAccount(db(), member);
  return NextResponse.json(data, {
    headers: {
      'Cache-Control': 'private, no-store',
      'Content-Disposition': `attachment; filename="yilun-${member!.username.replace(/[^A-Za-z0-9_]/g, '_')}.json"`,
    },
  });
});
