import type { NextRequest } from 'next/server';
import { errorResponse } from '@/lib/api/errors.ts';
import { rateLimited } from '@/lib/rate-limit.ts';
import { handlers } from '@/auth.ts';
import { db } from '@/lib/db/client.ts';
import { signInRetryAfter } from '@/lib/auth/verify-credentials.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { DEVICE_COOKIE } from '@/lib/auth/sign-in-limits.ts';

export const GET = handlers.GET;

/** next-auth's own endpoint, with one change: a sign-in over its limit is a 429 with Retry-After. */
export async function POST(req: NextRequest) {
  const form = req.nextUrl.pathname.endsWith('/callback/credentials') ? await req.clone().formData().catch(() => null) : null;
  const res = await handlers.POST(req);
  const location = res.headers.get('location') ?? (res.headers.get('content-type')?.includes('json') ? (await res.clone().json()).url : null);
  if (form && typeof location === 'string' && /[?&]code=rate_limited\b/.test(location)) {
    const retryAfter = await signInRetryAfter(db(), String(form.get('username') ?? ''), requestAddress(req.headers), req.cookies.get(DEVICE_COOKIE)?.value ?? null);
    // The same refusal as every other limit, in the reader's language.
    return errorResponse(rateLimited(retryAfter), req);
  }
  return res;
}
