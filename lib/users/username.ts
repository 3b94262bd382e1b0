import { skeleton } from '../text/skeleton.ts';

/** How a username looks: two members who can sign in never share one (see lib/text/skeleton.ts). */
export const usernameSkeleton = (username: string): string => skeleton(username);

/** The form in which usernames are unique: compatibility-folded and lower-cased. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}
