import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { staffWriter } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { moderatorCommentJson } from '@/lib/api/comment-json.ts';
import { moderateComment } from '@/lib/moderation/moderate-comment.ts';
import { getComment } from '@/lib/threads/get-comment.ts';

export const POST = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/mod/comments/[id]'>) => {
  const member = await staffWriter(req, 'mod:comment');
  const { id } = await ctx.params;
  const input = await readJsonObject(req);
  const { id: commentId } = await moderateComment(db(), member, /^\d+$/.test(id) ? Number(id) : NaN, input.action, input.reason, input.expectedStatus);
  const c = (await getComment(db(), commentId))!;
  return NextResponse.json({ comment: moderatorCommentJson(c) });
});
