import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { getProfile } from '@/lib/users/profile.ts';
import { pathParam } from '@/lib/path-param.ts';
import { isoChinaTime } from '@/lib/time.ts';

/**
 * GET /api/v1/users/{username}?cursor= → { user, comments, nextCursor }: the profile and its
 * comments newest first (hidden or removed ones only for the member and staff, with status).
 */
export const GET = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/users/[username]'>) => {
  const { username } = await ctx.params;
  const member = await currentMember();
  const page = await getProfile(db(), member, pathParam(username), req.nextUrl.searchParams.get('cursor') || null);
  const p = page.profile;
  return NextResponse.json(
    {
      user: {
        username: p.username,
        displayName: p.displayName,
        joinedAt: isoChinaTime(p.joinedAt),
        staff: p.staff,
        imported: p.importedFrom !== null,
        commentCount: p.commentCount,
        likesReceived: p.likesReceived,
      },
      comments: page.comments.map((c) => ({
        id: c.id,
        body: c.body,
        status: c.status,
        likeCount: c.likeCount,
        createdAt: isoChinaTime(c.createdAt),
        editedAt: c.editedAt ? isoChinaTime(c.editedAt) : null,
        article: c.article,
      })),
      nextCursor: page.nextCursor,
    },
    { headers: { 'Cache-Control': member ? 'private, no-store' : 'public, max-age=0, s-maxage=5' } },
  );
});
