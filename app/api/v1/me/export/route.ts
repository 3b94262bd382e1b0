import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { exportAccount } from '@/lib/users/account.ts';

/** GET /api/v1/me/export → the signed-in member's data as a JSON download: profile, comments, likes, reports. */
export const GET = handle(async () => {
  const member = await currentMember();
  const data = await exportAccount(db(), member);
  return NextResponse.json(data, { headers: { 'Cache-Control': 'private, no-store', 'Content-Disposition': exportDisposition(member!.username, new Date()) } });
});

/**
 * The download's name: `yilun-USERNAME-YYYY-MM-DD.json`, the username as it is spelled (RFC 6266
 * `filename*`, UTF-8), and a plain ASCII name for clients that read only `filename`.
 */
function exportDisposition(username: string, now: Date) {
  const day = now.toISOString().slice(0, 10);
  const ascii = /^[A-Za-z0-9_-]+$/.test(username) ? `yilun-${username}-${day}.json` : `yilun-export-${day}.json`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`yilun-${username}-${day}.json`)}`;
}
