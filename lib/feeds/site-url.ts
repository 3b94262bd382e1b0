import 'server-only';
import { headers } from 'next/headers';
import { env } from '../env.ts';

/**
 * The site's public origin: YILUN_PUBLIC_URL when set, else the request's own host (for the
 * routes rendered per request: feeds, the sitemap, robots.txt). No trailing slash.
 */
export async function siteOrigin(): Promise<string> {
  const configured = env().YILUN_PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, '');
  const h = await headers();
  const host = h.get('host') ?? 'localhost';
  const proto = (h.get('x-forwarded-proto') ?? 'http').split(',')[0].trim();
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

/** The configured origin only (pages served from the shared cache must not depend on a request). */
export const configuredOrigin = (): string | null => env().YILUN_PUBLIC_URL?.replace(/\/$/, '') ?? null;
