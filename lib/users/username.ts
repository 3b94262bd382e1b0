/** The form in which usernames are unique: compatibility-folded and lower-cased. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}
