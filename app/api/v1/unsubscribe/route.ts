import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { unsubscribe, unsubscribeMember } from '@/lib/mail/unsubscribe.ts';

/**
 * POST /api/v1/unsubscribe?token=… — one-click unsubscribe (RFC 8058): the mail client posts
 * `List-Unsubscribe=One-Click`, from anywhere and without a session (the token is the proof).
 * Turns the member's notification mail off → { unsubscribed: true }; a bad token is a 404.
 */
export const POST = handle(async (req: NextRequest) => {
  if (!(await unsubscribe(db(), req.nextUrl.searchParams.get('token')))) return NextResponse.json({ error: { code: 'not_found' } }, { status: 404 });
  return NextResponse.json({ unsubscribed: true });
});

/** GET: a person opened the address: the page with its button (nothing changes on a GET). */
export const GET = handle(async (req: NextRequest) => {
  const token = req.nextUrl.searchParams.get('token');
  if (unsubscribeMember(token) === null) return NextResponse.json({ error: { code: 'not_found' } }, { status: 404 });
  return new NextResponse(null, { status: 303, headers: { Location: `/unsubscribe?token=${encodeURIComponent(token!)}` } });
});
