/** A same-site path to return to after an action, or the fallback: never another origin. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  try {
    const url = new URL(value, 'http://x');
    // "/.//evil.example" normalizes to "//evil.example": another origin once it is a link.
    return url.host === 'x' && !url.pathname.startsWith('//') ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}
