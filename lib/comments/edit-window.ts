// How long after posting a member may edit their comment: 15 minutes unless an admin says
// otherwise. Read from the database on each use, so every instance agrees at once.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { invalid } from '../errors.ts';
import { logger } from '../log.ts';
import { assertCan, type Actor } from '../policy.ts';
import { logAction } from '../moderation/log.ts';

export const EDIT_WINDOW_DEFAULT = 15;
const KEY = 'editWindow';
export const editWindowSchema = z.object({
  minutes: z.number({ error: 'settings_number' }).int({ error: 'settings_number' }).min(0, { error: 'settings_number' }).max(7 * 24 * 60, { error: 'settings_number' }),
});

export async function editWindowMinutes(tx: Pick<Db, 'setting'>): Promise<number> {
  const row = await tx.setting.findUnique({ where: { key: KEY } });
  if (!row) return EDIT_WINDOW_DEFAULT;
  const parsed = editWindowSchema.safeParse(row.value);
  if (parsed.success) return parsed.data.minutes;
  logger.warn({ setting: KEY, stored: row.value }, 'stored setting editWindow is not valid: the default applies until an admin saves it again');
  return EDIT_WINDOW_DEFAULT;
}

/** Admins set the window (0 turns editing off); stored and logged together. */
export async function saveEditWindow(prisma: Db, actor: Actor | null, input: unknown): Promise<number> {
  assertCan(actor, 'admin:settings');
  const parsed = editWindowSchema.safeParse(input);
  if (!parsed.success) throw invalid({ editWindow: 'settings_number' });
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: parsed.data }, update: { value: parsed.data } });
    await logAction(tx, { moderatorId: actor.id, action: 'settings:editWindow', details: parsed.data });
  });
  return parsed.data.minutes;
}
