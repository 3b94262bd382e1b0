// A member's avatar, made here from their name: the first character on a colour that the
// username decides (the same everywhere for one member). No image, no outside service, no
// inline style (the CSP allows none): twelve colours as classes, all dark enough for white text.
export const AVATAR_COLOURS = 12;

export function avatarColour(username: string): number {
  let h = 0;
  for (const ch of username) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % AVATAR_COLOURS;
}

export function Avatar({ username, name, deleted = false }: { username: string; name: string; deleted?: boolean }) {
  const initial = deleted ? '?' : ([...name.trim()][0] ?? '?').toUpperCase();
  return (
    <span className={`avatar avatar-${deleted ? 'gone' : avatarColour(username)}`} aria-hidden="true">
      {initial}
    </span>
  );
}
