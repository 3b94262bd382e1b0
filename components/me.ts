'use client';

/** The signed-in member as GET /api/v1/me says, on the members' shared page. */
export interface Me {
  username: string;
  displayName: string;
  unread: number;
}

// One request per page load, shared by the header and the live thread.
let me: Promise<Me | null> | null = null;
export const loadMe = () =>
  (me ??= fetch('/api/v1/me', { credentials: 'same-origin', cache: 'no-store' }).then(
    (r) => (r.ok ? (r.json() as Promise<Me>) : null),
    () => null,
  ));
