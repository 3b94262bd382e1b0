import { chinaWallClock, isoChinaTime } from '@/lib/time.ts';

export function ChinaTime({ date }: { date: Date }) {
  return <time dateTime={isoChinaTime(date)}>{chinaWallClock(date)}</time>;
}
