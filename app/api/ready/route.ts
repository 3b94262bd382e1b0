// Readiness: 200 only while the database answers and every migration is applied; otherwise
// 503 with the reason, so that a load balancer sends no traffic here until it is.
import { readiness } from '@/lib/db/readiness.ts';

export const dynamic = 'force-dynamic';

export async function GET() {
  const r = await readiness();
  return r.ready
    ? Response.json({ status: 'ready' }, { headers: { 'Cache-Control': 'no-store' } })
    : Response.json({ status: 'unavailable', ...r }, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } });
}
