import { skeleton } from '../text/skeleton.ts';

/** How a username looks: two members who can sign in never share one (see lib/text/skeleton.ts). */
export const usernameSkeleton = (username: string): string => skeleton(username);

/** How a display name looks, by the same rule: a new one may not look like another member's name. */
export const displayNameSkeleton = (displayName: string): string => skeleton(displayName);

/** The form in which usernames are unique: compatibility-folded and lower-cased. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}
