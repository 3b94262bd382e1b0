import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { sameOriginMember } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { getWordLists, putWordLists } from '@/lib/moderation/admin.ts';

export const GET = handle(async () => NextResponse.json(await getWordLists(db(), await currentMember())));

export const PUT = handle(async (req: NextRequest) => {
  const member = await sameOriginMember(req);
  return NextResponse.json(await putWordLists(db(), member, await readJsonObject(req)));
});
