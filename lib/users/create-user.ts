import { isUniqueViolation } from '../db/errors.ts';
import { hashPassword, passwordWeakness } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import { hit } from '../rate-limit.ts';
import { fieldCodes } from '../zod-fields.ts';
import { signUpSchema } from './schemas.ts';
import { assertDisplayNameAllowed } from './display-name.ts';
import { displayNameSkeleton, usernameKey, usernameSkeleton } from './username.ts';

export interface NewMember {
  id: number;
  username: string;
  displayName: string;
}

/**
 * Sign-up: validates, refuses weak passwords and taken names (any case), hashes with argon2id.
 * Every attempt counts toward the address's limit, refused ones too (a refusal is what an
 * attacker probing names or forcing argon2 hashes would repeat), counted before anything is
 * checked and kept whatever the outcome.
 */
export async function createUser(prisma: Db, input: unknown, opts: { address: string }): Promise<NewMember> {
  await hit(prisma, 'signUpAddress', opts.address);
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  const { username, password } = parsed.data;
  const weakness = passwordWeakness(password, [username, parsed.data.displayName ?? '']);
  if (weakness) throw invalid({ password: weakness });
  if (parsed.data.displayName !== undefined) await assertDisplayNameAllowed(prisma, parsed.data.displayName, null);
  const key = usernameKey(username);
  const looks = usernameSkeleton(username);
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (tx) => {
      // Taken: the same name in any case, or one that looks the same (rооt_admin with
      // Cyrillic o's beside root_admin).
      if (await tx.user.findFirst({ where: { OR: [{ usernameKey: key }, { usernameSkeleton: looks }] }, select: { id: true } })) {
        throw invalid({ username: 'username_taken' });
      }
      // With no display name of its own, the username is shown on cards: it may not look like
      // another member's display name either.
      if (parsed.data.displayName === undefined && (await tx.user.findFirst({ where: { displayNameSkeleton: looks }, select: { id: true } }))) {
        throw invalid({ username: 'username_lookalike_display' });
      }
      const displayName = parsed.data.displayName ?? username;
      return tx.user.create({
        data: { username, usernameKey: key, usernameSkeleton: looks, displayName, displayNameSkeleton: displayNameSkeleton(displayName), passwordHash },
        select: { id: true, username: true, displayName: true },
      });
    });
  } catch (err) {
    // Two sign-ups racing for one name: the unique index decides.
    if (isUniqueViolation(err)) throw invalid({ username: 'username_taken' });
    throw err;
  }
}
