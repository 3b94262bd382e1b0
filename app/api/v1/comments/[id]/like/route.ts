import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { sameOriginMember } from '@/lib/api/member.ts';
import { setLike } from '@/lib/likes/set-like.ts';

const likeRoute = (liked: boolean) =>
  handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/comments/[id]/like'>) => {
    const { id } = await ctx.params;
    const member = await sameOriginMember(req);
    const result = await setLike(db(), member, /^\d+$/.test(id) ? Number(id) : NaN, liked);
    return NextResponse.json(result);
  });

export const PUT = likeRoute(true);
export const DELETE = likeRoute(false);
