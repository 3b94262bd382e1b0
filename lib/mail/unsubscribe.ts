// One-click unsubscribe (RFC 8058) from notification mail: the link names the member and
// carries an HMAC of their id under the site's secret, so it needs no table and no sign-in,
// and cannot be made for another member. It turns notification mail off (settings turn it on).
import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import { env } from '../env.ts';

const secret = () => {
  const s = env().AUTH_SECRET;
  if (!s) throw new Error('AUTH_SECRET is not set (the launcher sets it)');
  return s;
};

const mac = (userId: number) => crypto.createHmac('sha256', secret()).update(`unsubscribe:${userId}`).digest('base64url').slice(0, 32);

export const unsubscribeToken = (userId: number) => `${userId}.${mac(userId)}`;

/** The address in List-Unsubscribe: a POST there unsubscribes (the mail client's one click); a GET shows the page. */
export const unsubscribeLink = (origin: string, userId: number) => `${origin}/api/v1/unsubscribe?token=${unsubscribeToken(userId)}`;

/** The member a token names, or null when it is not one of ours. */
export function unsubscribeMember(token: unknown): number | null {
  if (typeof token !== 'string') return null;
  const m = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  if (!Number.isSafeInteger(id) || id > 2 ** 31 - 1) return null;
  const expected = Buffer.from(mac(id));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? id : null;
}

/** Turns the member's notification mail off; false when the token is not valid. */
export async function unsubscribe(prisma: Pick<Db, '$executeRaw'>, token: unknown): Promise<boolean> {
  const id = unsubscribeMember(token);
  if (id === null) return false;
  await prisma.$executeRaw`UPDATE users SET mail_notifications = 'off' WHERE id = ${id}`;
  return true;
}
