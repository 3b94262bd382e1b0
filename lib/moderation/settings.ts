// Site settings that admins change in the UI: the thresholds that switch a thread to
// pre-moderation by itself. Read from the database on each use: every instance agrees.
import { z } from 'zod';
import type { Db } from '../db/client.ts';

export const autoPremodSchema = z.object({
  postsPerMinute: z.number().int().min(1).max(1_000_000),
  reportsPerMinute: z.number().int().min(1).max(1_000_000),
  minutes: z.number().int().min(1).max(7 * 24 * 60),
});
export type AutoPremod = z.infer<typeof autoPremodSchema>;
export const AUTO_PREMOD_DEFAULTS: AutoPremod = { postsPerMinute: 30, reportsPerMinute: 5, minutes: 60 };

export async function autoPremodSettings(tx: Pick<Db, 'setting'>): Promise<AutoPremod> {
  const row = await tx.setting.findUnique({ where: { key: 'autoPremod' } });
  const parsed = autoPremodSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : AUTO_PREMOD_DEFAULTS;
}
