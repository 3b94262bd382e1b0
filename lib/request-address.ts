import { CLIENT_ADDRESS_HEADER, clientAddress } from './server/front-door.ts';

/**
 * The client's address for rate limits, as the front door settled it (lib/server/front-door.ts):
 * the socket's address, or the right entry of X-Forwarded-For behind YILUN_TRUSTED_PROXIES
 * proxies. Without the front door (`next dev`), X-Forwarded-For as Next.js filled it in.
 */
export function requestAddress(headers: Headers): string {
  const fromFrontDoor = headers.get(CLIENT_ADDRESS_HEADER);
  if (fromFrontDoor) return fromFrontDoor;
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return clientAddress(forwarded.slice(0, -1).join(','), forwarded.at(-1), 0);
}
