// A site setting: members must have a verified e-mail address before they may post (for
// communities that want it; off by default). Staff are never held to it. Read on each post,
// so an admin's change applies at once on every instance.
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import { assertCan, isStaff, type Actor } from '../policy.ts';
import { logAction } from '../moderation/log.ts';

const KEY = 'requireVerifiedEmail';

export async function requiresVerifiedEmail(prisma: Pick<Db, '$queryRaw'>): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ on: boolean | null }[]>`SELECT (value->>'on')::boolean AS on FROM settings WHERE key = ${KEY}`;
  return rows[0]?.on === true;
}

/**
 * Whether a post by this member is to be refused for want of a verified address while the
 * setting is on (one query, read beside the post's other reads: lib/comments/create-comment.ts).
 */
export async function lacksRequiredAddress(prisma: Pick<Db, '$queryRaw'>, actor: Actor): Promise<boolean> {
  if (isStaff(actor)) return false;
  const [row] = await prisma.$queryRaw<{ refused: boolean }[]>`
    SELECT coalesce((SELECT (value->>'on')::boolean FROM settings WHERE key = ${KEY}), false)
           AND NOT EXISTS (SELECT 1 FROM users WHERE id = ${actor.id} AND email_verified_at IS NOT NULL AND email_bounced_at IS NULL) AS refused`;
  return row?.refused === true;
}

export const addressRequired = () => new DomainError(403, 'email_required');

export async function saveRequireVerifiedEmail(prisma: Db, actor: Actor | null, on: boolean): Promise<void> {
  assertCan(actor, 'admin:settings');
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: { on } }, update: { value: { on } } });
    await logAction(tx, { moderatorId: actor.id, action: `settings:${KEY}`, details: { on } });
  });
}
