import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { sameOriginMember } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { deleteComment, editComment } from '@/lib/comments/own-comment.ts';
import { isoChinaTime } from '@/lib/time.ts';

const commentId = (id: string) => (/^\d+$/.test(id) ? Number(id) : NaN);

/** PATCH { body }: the author edits their comment (in its window, while it has no replies). */
export const PATCH = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/comments/[id]'>) => {
  const { id } = await ctx.params;
  const member = await sameOriginMember(req);
  const input = await readJsonObject(req);
  const done = await editComment(db(), member, commentId(id), { body: input.body });
  return NextResponse.json({ comment: { id: done.id, status: done.status, editedAt: done.editedAt ? isoChinaTime(done.editedAt) : null } });
});

/** DELETE: the author deletes their comment (a tombstone where it has replies). */
export const DELETE = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/comments/[id]'>) => {
  const { id } = await ctx.params;
  const member = await sameOriginMember(req);
  const done = await deleteComment(db(), member, commentId(id));
  return NextResponse.json({ comment: done });
});
