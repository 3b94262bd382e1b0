// Site settings that admins change in the UI: the thresholds that switch a thread to
// pre-moderation by itself. Read from the database on each use: every instance agrees.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import { logger } from '../log.ts';
import { assertCan, type Actor } from '../policy.ts';
import { fieldCodes } from '../zod-fields.ts';
import { logAction } from './log.ts';

const count = (max: number) => z.number({ error: 'settings_number' }).int({ error: 'settings_number' }).min(1, { error: 'settings_number' }).max(max, { error: 'settings_number' });
export const autoPremodSchema = z.object({
  postsPerMinute: count(1_000_000),
  reportsPerMinute: count(1_000_000),
  minutes: count(7 * 24 * 60),
});
export type AutoPremod = z.infer<typeof autoPremodSchema>;
export const AUTO_PREMOD_DEFAULTS: AutoPremod = { postsPerMinute: 30, reportsPerMinute: 5, minutes: 60 };

/**
 * The thresholds in force, and whether the stored value is unusable: then the defaults apply
 * (the breaker keeps working), the staff page says so and the log warns, instead of the
 * defaults silently standing in.
 */
export async function readAutoPremodSettings(tx: Pick<Db, 'setting'>): Promise<{ value: AutoPremod; invalid: boolean }> {
  const row = await tx.setting.findUnique({ where: { key: 'autoPremod' } });
  if (!row) return { value: AUTO_PREMOD_DEFAULTS, invalid: false };
  const parsed = autoPremodSchema.safeParse(row.value);
  if (parsed.success) return { value: parsed.data, invalid: false };
  logger.warn({ setting: 'autoPremod', stored: row.value }, 'stored setting autoPremod is not valid: the defaults apply until an admin saves it again');
  return { value: AUTO_PREMOD_DEFAULTS, invalid: true };
}

export async function autoPremodSettings(tx: Pick<Db, 'setting'>): Promise<AutoPremod> {
  return (await readAutoPremodSettings(tx)).value;
}

/** Admins save the thresholds; checked, stored and logged together. */
export async function saveAutoPremodSettings(prisma: Db, actor: Actor | null, input: unknown): Promise<AutoPremod> {
  assertCan(actor, 'admin:settings');
  const parsed = autoPremodSchema.safeParse(input);
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: 'autoPremod' }, create: { key: 'autoPremod', value: parsed.data }, update: { value: parsed.data } });
    await logAction(tx, { moderatorId: actor.id, action: 'settings:autoPremod', details: parsed.data });
  });
  return parsed.data;
}
