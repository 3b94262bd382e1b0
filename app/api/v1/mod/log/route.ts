import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { listLog } from '@/lib/moderation/list-log.ts';
import { isoChinaTime } from '@/lib/time.ts';

export const GET = handle(async (req: NextRequest) => {
  const p = req.nextUrl.searchParams;
  const page = await listLog(db(), await currentMember(), {
    moderator: p.get('moderator'),
    member: p.get('member'),
    article: p.get('article'),
    cursor: p.get('cursor'),
  });
  return NextResponse.json({
    entries: page.entries.map((e) => ({ moderator: e.moderator, action: e.action, target: e.target, reason: e.reason, createdAt: isoChinaTime(e.createdAt), commentId: e.commentId, details: e.details })),
    nextCursor: page.nextCursor,
  });
});
