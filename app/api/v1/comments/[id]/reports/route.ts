import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { sameOriginMember } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { reportComment } from '@/lib/moderation/report-comment.ts';
import { isoChinaTime } from '@/lib/time.ts';

export const POST = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/comments/[id]/reports'>) => {
  const { id } = await ctx.params;
  const member = await sameOriginMember(req);
  const report = await reportComment(db(), member, /^\d+$/.test(id) ? Number(id) : NaN, await readJsonObject(req));
  return NextResponse.json({ report: { id: report.id, createdAt: isoChinaTime(report.createdAt) } }, { status: 201 });
});
