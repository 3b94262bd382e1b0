// Dynamic route segments as the text they name (slugs and usernames may be Chinese).
/** A path segment as text: percent-escapes decoded when the framework left them (a bad escape stays as it is). */
export function pathParam(segment: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(segment)) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
