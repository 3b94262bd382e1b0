// Times are stored as instants and shown in China time (UTC+8, no daylight saving), the
// time zone of the site the discussion comes from.
const OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

function wall(date: Date) {
  const d = new Date(date.getTime() + OFFSET_MS);
  return {
    y: d.getUTCFullYear(), mo: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()),
    h: pad(d.getUTCHours()), mi: pad(d.getUTCMinutes()), s: pad(d.getUTCSeconds()), ms: d.getUTCMilliseconds(),
  };
}

/** ISO 8601 with the +08:00 offset, e.g. 2026-02-17T10:24:00+08:00. */
export function isoChinaTime(date: Date): string {
  const w = wall(date);
  const ms = w.ms ? `.${String(w.ms).padStart(3, '0')}` : '';
  return `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}:${w.s}${ms}+08:00`;
}

/** "2026-02-17 10:24", as the source site shows times. */
export function chinaWallClock(date: Date): string {
  const w = wall(date);
  return `${w.y}-${w.mo}-${w.d} ${w.h}:${w.mi}`;
}
