// The client's address for rate limits. `next start` appends the socket's address to
// X-Forwarded-For, so the last entry is the one a client cannot forge; behind a proxy,
// YILUN_TRUSTED_PROXIES=N skips that many entries from the end.
export function requestAddress(headers: Headers): string {
  const chain = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const skip = Number(process.env.YILUN_TRUSTED_PROXIES ?? 0);
  return chain[chain.length - 1 - skip] ?? chain[0] ?? headers.get('x-real-ip') ?? 'unknown';
}
