import type { PrismaClient } from '../generated/prisma/client.ts';
import { displayNameSkeleton, usernameSkeleton } from './username.ts';

/**
 * Members who signed up before look-alike names were refused get their name's skeleton, so
 * that new names are checked against them too. Where two old names already look alike, the
 * later one keeps none (it was there first; nothing is renamed). Returns how many were set.
 */
export async function backfillUsernameSkeletons(prisma: PrismaClient): Promise<number> {
  const missing = await prisma.user.findMany({
    where: { usernameSkeleton: null, passwordHash: { not: null } },
    select: { id: true, username: true },
    orderBy: { id: 'asc' },
  });
  let set = 0;
  for (const u of missing) {
    const looks = usernameSkeleton(u.username);
    const n = await prisma.$executeRaw`
      UPDATE users SET username_skeleton = ${looks}
      WHERE id = ${u.id} AND NOT EXISTS (SELECT 1 FROM users WHERE username_skeleton = ${looks})`;
    set += n;
  }
  return set;
}

/**
 * Every member's display name gets its skeleton where it has none (rows written before the
 * column existed, or by hand): new display names are checked against them. In batches, one
 * statement each. Returns how many were set.
 */
export async function backfillDisplayNameSkeletons(prisma: PrismaClient): Promise<number> {
  let set = 0;
  for (;;) {
    const batch = await prisma.user.findMany({ where: { displayNameSkeleton: null }, select: { id: true, displayName: true }, orderBy: { id: 'asc' }, take: 1000 });
    if (!batch.length) return set;
    set += await prisma.$executeRaw`
      UPDATE users u SET display_name_skeleton = t.looks
      FROM unnest(${batch.map((u) => u.id)}::int[], ${batch.map((u) => displayNameSkeleton(u.displayName))}::text[]) AS t(id, looks)
      WHERE u.id = t.id`;
  }
}
