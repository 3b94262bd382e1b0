import { getTranslations } from 'next-intl/server';
import { chinaWallClock, isoChinaTime, relativeChinaTime } from '@/lib/time.ts';

/**
 * A time in China time. With `now` (pages rendered per request) it reads as how long ago, the
 * exact time in its tooltip; without, the exact time, which /live.js turns into how long ago
 * on the pages every reader shares (`data-relative`).
 */
export async function ChinaTime({ date, now = null, relative = false }: { date: Date; now?: Date | null; relative?: boolean }) {
  const exact = chinaWallClock(date);
  if (!now)
    return (
      // /live.js may turn it into "3 分钟前" before React hydrates the members' shared page.
      <time dateTime={isoChinaTime(date)} {...(relative ? { 'data-relative': '' } : {})} suppressHydrationWarning>
        {exact}
      </time>
    );
  const t = await getTranslations('time');
  const r = relativeChinaTime(date, now);
  const text = r.kind === 'now' ? t('now') : r.kind === 'minutes' ? t('minutes', { n: r.n }) : r.kind === 'hours' ? t('hours', { n: r.n }) : r.kind === 'yesterday' ? t('yesterday', { time: r.time }) : r.text;
  return (
    <time dateTime={isoChinaTime(date)} title={t('exact', { time: exact })}>
      {text}
    </time>
  );
}

/** The time of a render rendered per request (a function, so that pages stay pure). */
export async function renderTime(): Promise<Date> {
  return new Date();
}
