// What a comment may be, without a validation library: the comment form's live counter
// (in the browser) and the server's schema (lib/comments/schemas.ts) share these.
export const COMMENT_MAX = 2_000;

/** How long a member's own new comments stay pinned where they can see them (read-your-writes). */
export const OWN_RECENT_MINUTES = 15;
// Control characters other than newline and tab are refused (they hide or reorder text);
// everything else a member can type round-trips exactly.
export const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** What is stored: line endings as \n, surrounding white space trimmed. */
export function normalizeBody(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

export const commentLength = (body: string) => [...normalizeBody(body)].length;
