import type { NextRequest } from 'next/server';
import { siteOrigin } from '@/lib/feeds/site-url.ts';
import { errorResponse } from '@/lib/api/errors.ts';
import { rateLimited } from '@/lib/rate-limit.ts';
import { handlers } from '@/auth.ts';
import { db } from '@/lib/db/client.ts';
import { signInRetryAfter } from '@/lib/auth/verify-credentials.ts';
import { requestAddress } from '@/lib/request-address.ts';
import { DEVICE_COOKIE } from '@/lib/auth/sign-in-limits.ts';

/**
 * The request as the reader sent it: Next gives route handlers its own address
 * (http://localhost:PORT); Auth.js builds the redirect URI of a sign-in through another
 * identity from it, which must be the one the provider was sent to (the site's origin:
 * YILUN_PUBLIC_URL, else the Host header, as everywhere else).
 */
async function asSent(req: NextRequest): Promise<NextRequest> {
  const origin = await siteOrigin();
  if (origin === req.nextUrl.origin) return req;
  // A plain Request: a NextRequest takes its host from the Host header Next rewrote, whatever
  // address it is given (Auth.js reads only `url`, method, headers and body).
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
  return new Request(`${origin}${req.nextUrl.pathname}${req.nextUrl.search}`, { method: req.method, headers: req.headers, body }) as NextRequest;
}

export const GET = async (req: NextRequest) => handlers.GET(await asSent(req));

/** next-auth's own endpoint, with one change: a sign-in over its limit is a 429 with Retry-After. */
export async function POST(req: NextRequest) {
  const form = req.nextUrl.pathname.endsWith('/callback/credentials') ? await req.clone().formData().catch(() => null) : null;
  const res = await handlers.POST(await asSent(req));
  const location = res.headers.get('location') ?? (res.headers.get('content-type')?.includes('json') ? (await res.clone().json()).url : null);
  if (form && typeof location === 'string' && /[?&]code=rate_limited\b/.test(location)) {
    const retryAfter = await signInRetryAfter(db(), String(form.get('username') ?? ''), requestAddress(req.headers), req.cookies.get(DEVICE_COOKIE)?.value ?? null);
    // The same refusal as every other limit, in the reader's language.
    return errorResponse(rateLimited(retryAfter), req);
  }
  return res;
}
