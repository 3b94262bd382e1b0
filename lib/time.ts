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

export type RelativeTime =
  | { kind: 'now' }
  | { kind: 'minutes'; n: number }
  | { kind: 'hours'; n: number }
  | { kind: 'yesterday'; time: string }
  | { kind: 'date'; text: string };

/**
 * How long ago, as a reader says it, in China time: just now, N minutes, N hours (the same
 * day), yesterday at HH:MM, then the date ("02-17 10:24" this year, "2025-02-17 10:24" before).
 * A time in the future (clocks apart) is "just now". public/live.js does the same in the
 * browser for the pages every reader shares (a test compares the two).
 */
export function relativeChinaTime(date: Date, now: Date): RelativeTime {
  const ago = now.getTime() - date.getTime();
  if (ago < 60_000) return { kind: 'now' };
  if (ago < 3600_000) return { kind: 'minutes', n: Math.floor(ago / 60_000) };
  const day = (d: Date) => Math.floor((d.getTime() + OFFSET_MS) / 86_400_000);
  const w = wall(date);
  if (day(date) === day(now)) return { kind: 'hours', n: Math.floor(ago / 3600_000) };
  if (day(date) === day(now) - 1) return { kind: 'yesterday', time: `${w.h}:${w.mi}` };
  const sameYear = wall(now).y === w.y;
  return { kind: 'date', text: sameYear ? `${w.mo}-${w.d} ${w.h}:${w.mi}` : `${w.y}-${w.mo}-${w.d} ${w.h}:${w.mi}` };
}

/** The words for a relative time, from the `time` messages (the server's translator or the browser's). */
export function relativeWords(r: RelativeTime, t: (key: 'now' | 'minutes' | 'hours' | 'yesterday', values?: Record<string, string | number>) => string): string {
  if (r.kind === 'now') return t('now');
  if (r.kind === 'minutes') return t('minutes', { n: r.n });
  if (r.kind === 'hours') return t('hours', { n: r.n });
  if (r.kind === 'yesterday') return t('yesterday', { time: r.time });
  return r.text;
}
