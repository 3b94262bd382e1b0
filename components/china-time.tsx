import { getTranslations } from 'next-intl/server';
import { chinaWallClock, isoChinaTime, relativeChinaTime, relativeWords } from '@/lib/time.ts';
import { RelativeTime } from './relative-time.tsx';

/**
 * A time in China time. With `now` (pages rendered per request) it reads as how long ago, the
 * exact time in its tooltip; without, the exact time, which /live.js turns into how long ago
 * on the readers' pages (`data-relative`), and React on the members' shared page (`client`).
 */
export async function ChinaTime({ date, now = null, relative = false, client = false }: { date: Date; now?: Date | null; relative?: boolean; client?: boolean }) {
  const exact = chinaWallClock(date);
  if (!now && relative && client) return <RelativeTime at={isoChinaTime(date)} exact={exact} />;
  if (!now)
    return (
      <time dateTime={isoChinaTime(date)} {...(relative ? { 'data-relative': '' } : {})}>
        {exact}
      </time>
    );
  const t = await getTranslations('time');
  const r = relativeChinaTime(date, now);
  const text = relativeWords(r, t);
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
