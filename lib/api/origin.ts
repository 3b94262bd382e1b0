import { DomainError } from '../errors.ts';

/** The scheme a request came over: as the proxy in front says (X-Forwarded-Proto), else its address's. */
export const requestScheme = (req: Request): string => (req.headers.get('x-forwarded-proto') ?? new URL(req.url).protocol).replace(/:$/, '').split(',')[0].trim();

/**
 * Writes authenticated by the session cookie must come from this site. Browsers send
 * Origin (and Sec-Fetch-Site) on every cross-site write; a client that sends neither is
 * not a browser and cannot carry a victim's cookie by accident.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw new DomainError(403, 'bad_origin');
  if (!origin) return;
  const host = req.headers.get('host');
  const scheme = requestScheme(req);
  let from: URL | null = null;
  try {
    from = new URL(origin);
  } catch {
    // "null" or garbage: refuse below
  }
  // Scheme and host both: http://this-site is another origin than https://this-site.
  if (!host || !from || from.host !== host || from.protocol !== `${scheme}:`) throw new DomainError(403, 'bad_origin');
}
