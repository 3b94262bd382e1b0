// GET /api/v1/mod/search?q=WORDS&state=held&state=hidden&member=NAME&thread=SLUG&from=YYYY-MM-DD&to=YYYY-MM-DD&lookalikes=1&cursor=
// — every comment whatever its state, for staff (lib/search/search.ts); comments carry
// "status" and "statusReason" besides the readers' fields.
import { NextResponse, type NextRequest } from 'next/server';
import { handle } from '@/lib/api/errors.ts';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { searchForStaff } from '@/lib/search/search.ts';
import { searchJson } from '@/lib/search/json.ts';

export const GET = handle(async (req: NextRequest) => {
  const sp = req.nextUrl.searchParams;
  const filters = { states: sp.getAll('state'), member: sp.get('member') ?? '', thread: sp.get('thread') ?? '', from: sp.get('from') ?? '', to: sp.get('to') ?? '', lookAlikes: sp.get('lookalikes') === '1' };
  const page = await searchForStaff(db(), await currentMember(), { q: sp.get('q') ?? '', cursor: sp.get('cursor'), filters });
  return NextResponse.json(searchJson(page, true), { headers: { 'Cache-Control': 'no-store' } });
});
