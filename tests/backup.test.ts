// The restore drill: a forum with members, comments, likes, reports and a moderation log is
// backed up while it is being written to, restored into an empty database, and compared row
// by row with exactly what the backup saw (its exported snapshot).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createComment } from '../lib/comments/create-comment.ts';
import { createPrisma } from '../lib/db/client.ts';
import { backup, restore, RestoreRefused } from '../lib/db/backup.ts';
import { withPgClient } from '../lib/db/with-client.ts';
import { setLike } from '../lib/likes/set-like.ts';
import { moderateComment } from '../lib/moderation/moderate-comment.ts';
import { moderateMember } from '../lib/moderation/moderate-member.ts';
import { reportComment } from '../lib/moderation/report-comment.ts';
import { emptyDatabase, freshDatabase } from './support/db.ts';
import { generateThread } from './support/generate-thread.ts';
import { createMembers } from './support/members.ts';

const { url, prisma, sql } = await freshDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every row of every table (but the migrations' own), as JSON text, in key order. */
async function everyRow(client: pg.Client): Promise<Record<string, string[]>> {
  const { rows: tables } = await client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`);
  const out: Record<string, string[]> = {};
  for (const { t } of tables) out[t] = (await client.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM "${t}" x ORDER BY 1`)).rows.map((r) => r.r).sort();
  return out;
}

describe('backup and restore', () => {
  it('a backup taken while members write restores to exactly what it saw, row by row', async () => {
    process.env.YILUN_RATE_LIMITS = 'off';
    const { slug } = await generateThread(sql, { slug: 'drill', topLevel: 10_000, rootsWithReplies: 50, repliesPerRoot: 4 });
    const [mod] = await createMembers(sql, 'drillmod', 1, { role: 'moderator' });
    const members = await createMembers(sql, 'drill', 8);
    const first = await createComment(prisma, members[0], { slug, body: '第一条真实评论' });
    await createComment(prisma, members[1], { slug, body: '回复：有道理', parentId: first.id });
    for (const m of members.slice(1)) await setLike(prisma, m, first.id, true);
    await reportComment(prisma, members[2], first.id, { reason: 'spam', note: '广告？' });
    await moderateComment(prisma, mod, first.id, 'dismiss');
    await moderateMember(prisma, mod, members[7].username, { action: 'suspend', until: new Date(Date.now() + 86_400_000).toISOString(), reason: '刷屏' });

    // Writers keep posting and liking through the backup.
    let writing = true;
    let writes = 0;
    const writers = members.slice(0, 6).map(async (m, i) => {
      while (writing) {
        const c = await createComment(prisma, m, { slug, body: `备份期间写的第 ${writes} 条（${i}）` });
        await setLike(prisma, members[(i + 1) % 6], c.id, true);
        writes++;
      }
    });
    const file = path.join(dir, 'drill.backup.gz');
    let seen: Record<string, string[]> = {};
    const taken = await backup(url, file, {
      onSnapshot: async (id) => {
        await withPgClient(url, async (c) => {
          await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
          await c.query(`SET TRANSACTION SNAPSHOT '${id}'`);
          seen = await everyRow(c);
          await c.query('COMMIT');
        });
      },
    }).finally(() => {
      writing = false;
    });
    await Promise.all(writers);
    expect(writes).toBeGreaterThan(0);
    expect(taken.rows.comments).toBe(seen.comments.length);
    expect(seen.comments.length).toBeGreaterThan(10_200);

    const target = await emptyDatabase();
    const restored = await restore(target, file);
    const after = await withPgClient(target, everyRow);
    for (const table of Object.keys(seen)) expect(after[table], table).toEqual(seen[table]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(seen).sort());
    console.log(`restore drill: ${seen.comments.length} comments; backup ${taken.ms} ms (${taken.bytes} bytes, ${writes} writes during it), restore ${restored.ms} ms`);

    // The restored forum takes new writes: its sequences continue after the restored ids.
    const again = createPrisma(target, 2);
    try {
      const next = await createComment(again, members[3], { slug, body: '恢复之后的新评论' });
      expect(next.id).toBeGreaterThan(Math.max(...seen.comments.map((r) => JSON.parse(r).id)));
    } finally {
      await again.$disconnect();
    }
  }, 120_000);

  it('refuses a database that holds anything unless --force, a damaged or unfinished file, and leaves the target as it was', async () => {
    const file = path.join(dir, 'small.backup.gz');
    await backup(url, file);
    // Not empty: the source itself.
    await expect(restore(url, file)).rejects.toThrow(/not empty/);
    await expect(restore(url, file)).rejects.toBeInstanceOf(RestoreRefused);
    // A file cut short has no END line.
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    const cut = path.join(dir, 'cut.backup.gz');
    fs.writeFileSync(cut, zlib.gzipSync(text.slice(0, text.lastIndexOf('END '))));
    const target = await emptyDatabase();
    await expect(restore(target, cut)).rejects.toThrow(/incomplete/);
    const tablesLeft = await withPgClient(target, async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n);
    expect(tablesLeft).toBe(0);
    const notOurs = path.join(dir, 'other.gz');
    fs.writeFileSync(notOurs, zlib.gzipSync('hello'));
    await expect(restore(target, notOurs)).rejects.toThrow(/not a Yilun backup/);
    // With --force it replaces what is there.
    const forced = await restore(target, file);
    expect(forced.rows.comments).toBeGreaterThan(0);
    const again = await restore(target, file, { force: true });
    expect(again.rows).toEqual(forced.rows);
  }, 120_000);
});
