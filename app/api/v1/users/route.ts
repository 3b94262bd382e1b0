import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { assertSameOrigin } from '@/lib/api/origin.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { createUser } from '@/lib/users/create-user.ts';

/** Sign-up: { username, password, displayName? } → 201 { user: { username, displayName } }. */
export const POST = handle(async (req: NextRequest) => {
  assertSameOrigin(req);
  const input = await readJsonObject(req);
  const user = await createUser(db(), input, { address: requestAddress(req.headers) });
  return NextResponse.json({ user: { username: user.username, displayName: user.displayName } }, { status: 201 });
});
