// POST /api/v1/embed/session — the frame under a publisher's page takes a session of its own
// (lib/embed/frame-session.ts), from either
//   { "grant": CODE }                 a first-party window's one-time code (/embed-signin/SITE), or
//   { "site": ID, "token": JWT }      the publisher's single sign-on token (lib/embed/sso.ts).
// Answers { "member": { "username", "displayName" }, "changed": bool } and sets the frame's
// partitioned session cookie when it changed.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { assertSameOrigin } from '@/lib/api/origin.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { currentSession } from '@/lib/auth/current-member.ts';
import { frameMember, frameSessionCookie, overHttps, redeemGrant } from '@/lib/embed/frame-session.ts';
import { siteById } from '@/lib/embed/sites.ts';
import { signInWithSso, spendSsoToken, ssoMember, verifySsoToken } from '@/lib/embed/sso.ts';
import { DomainError } from '@/lib/errors.ts';
import { hit } from '@/lib/rate-limit.ts';
import { requestAddress } from '@/lib/request-address.ts';

export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  await hit(db(), 'embedSessions', requestAddress(req.headers));
  const body = await readJsonObject(req);
  const prisma = db();
  let memberId: number;
  if (body.grant !== undefined) {
    memberId = await redeemGrant(prisma, body.grant);
  } else {
    const site = typeof body.site === 'string' ? await siteById(prisma, body.site) : null;
    if (!site) throw new DomainError(404, 'site_not_found');
    const claims = await verifySsoToken(site, body.token);
    const session = await currentSession();
    const known = await ssoMember(prisma, site, claims);
    // The frame is already this reader's (the host hands a token on every page view).
    if (known !== null && session?.id === known) {
      const member = await frameMember(prisma, known);
      return NextResponse.json({ member: { id: member.id, displayName: member.displayName }, changed: false });
    }
    await spendSsoToken(prisma, site, claims, body.token as string);
    memberId = await signInWithSso(prisma, site, claims);
  }
  const member = await frameMember(prisma, memberId);
  const res = NextResponse.json({ member: { id: member.id, displayName: member.displayName }, changed: true });
  res.headers.append('Set-Cookie', await frameSessionCookie(member, overHttps(req)));
  return res;
});
