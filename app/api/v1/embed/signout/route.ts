// POST /api/v1/embed/signout — the frame's session ends (its partitioned cookie, and the
// session on the server). `{ "site": ID, "sso": true }`: the publisher's page says its reader
// signed out there; then only a session of that site's single sign-on ends. A form post (the
// frame's sign-out button without JavaScript) comes back to `returnTo`.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { assertSameOrigin } from '@/lib/api/origin.ts';
import { currentSession } from '@/lib/auth/current-member.ts';
import { endSession } from '@/lib/auth/end-session.ts';
import { clearFrameSessionCookie, overHttps } from '@/lib/embed/frame-session.ts';
import { siteById } from '@/lib/embed/sites.ts';
import { isSsoMember } from '@/lib/embed/sso.ts';
import { safeReturnPath } from '@/lib/safe-return.ts';

export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const form = (req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  const body: Record<string, unknown> = form ? Object.fromEntries(new URLSearchParams(await req.text())) : await req.json().catch(() => ({}));
  const session = await currentSession();
  const prisma = db();
  let end = session !== null;
  if (session && body.sso) {
    const site = typeof body.site === 'string' ? await siteById(prisma, body.site) : null;
    end = site !== null && (await isSsoMember(prisma, site, session.id));
  }
  const res = form ? NextResponse.redirect(new URL(safeReturnPath(body.returnTo), req.url), 303) : NextResponse.json({ signedOut: end });
  if (end && session) {
    await endSession(prisma, session);
    res.headers.append('Set-Cookie', clearFrameSessionCookie(overHttps(req)));
  }
  return res;
});
