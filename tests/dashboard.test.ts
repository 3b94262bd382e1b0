// The staff dashboard's numbers (lib/moderation/dashboard.ts) from rows with known times.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './support/db.ts';
import { createMembers } from './support/members.ts';
import { refusal } from './support/refusal.ts';
import { dashboard } from '../lib/moderation/dashboard.ts';
import type { Actor } from '../lib/policy.ts';

const { prisma, sql } = await freshDatabase();
let mod: Actor;
let member: Actor & { username: string };
const NOW = new Date('2026-12-07T04:00:00Z'); // 12:00 in China

beforeAll(async () => {
  [mod] = await createMembers(sql, 'dashmod', 1, { role: 'moderator' });
  [member] = await createMembers(sql, 'dashm', 3);
  const members = await createMembers(sql, 'dashw', 3);
  // Three sign-ups two hours before NOW; everyone else long before.
  await sql.query(`UPDATE users SET created_at = CASE WHEN id = ANY($2) THEN $1::timestamptz ELSE $3::timestamptz END`, [new Date(NOW.getTime() - 2 * 3600_000), members.map((m) => m.id), new Date(NOW.getTime() - 90 * 86400_000)]);
  const { rows } = await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ('dash-a', '仪表盘话题', '{}', 'x', now(), now()) RETURNING id`);
  const a = rows[0].id;
  const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3600_000);
  // Within 24 hours: 3 comments (one an hour ago, two 5 hours ago) and 2 replies; 3 days ago: 4 comments; 20 days ago: 1.
  const top = async (authorId: number, when: Date, status = 'visible') => (await sql.query(`INSERT INTO comments (article_id, author_id, body, created_at, status) VALUES ($1, $2, 'x', $3, $4) RETURNING id`, [a, authorId, when, status])).rows[0].id;
  const c1 = await top(members[0].id, at(1));
  await top(members[1].id, at(5));
  await top(members[1].id, at(5), 'held');
  for (let i = 0; i < 4; i++) await top(members[2].id, at(72));
  await top(members[2].id, at(480));
  await sql.query(`INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, created_at) VALUES ($1, $2, $3, $3, 1, 'r', $4), ($1, $2, $3, $3, 1, 'r', $4)`, [a, members[2].id, c1, at(2)]);
  // Reports: 2 spam, 1 abuse within 24 h on members[0]'s comment; one decided 30 minutes after, one 90 minutes after.
  await sql.query(
    `INSERT INTO reports (comment_id, reporter_id, reason, created_at, resolved_at) VALUES
      ($1, $2, 'spam', $4, $5), ($1, $3, 'spam', $4, $6), ($1, $7, 'abuse', $4, NULL)`,
    [c1, members[1].id, members[2].id, at(3), new Date(at(3).getTime() + 30 * 60_000), new Date(at(3).getTime() + 90 * 60_000), member.id],
  );
  await sql.query(`INSERT INTO moderation_actions (moderator_id, action, comment_id, created_at) VALUES ($1, 'comment:hide', $2, $3), ($1, 'comment:hide', $2, $3), ($1, 'comment:dismiss', $2, $3)`, [mod.id, c1, at(1)]);
  await sql.query(`INSERT INTO moderation_actions (moderator_id, action, article_id, created_at) VALUES (NULL, 'article:auto-premod', $1, $2)`, [a, at(4)]);
});

describe('the dashboard', () => {
  it('counts the last 24 hours by hour', async () => {
    const d = await dashboard(prisma, mod, '24h', NOW);
    expect(d.totals).toEqual({ comments: 3, replies: 2, activeMembers: 4, signUps: 3, reports: 3, breakerTrips: 1 });
    expect(d.activity.length).toBeGreaterThanOrEqual(24);
    expect(d.activity.reduce((n, b) => n + b.comments, 0)).toBe(3);
    expect(d.activity.reduce((n, b) => n + b.replies, 0)).toBe(2);
    expect(d.queue).toEqual({ openReports: 1, reportedComments: 1, held: 1 });
    expect(d.reportsByReason).toEqual([{ reason: 'spam', count: 2 }, { reason: 'abuse', count: 1 }]);
    expect(d.decisionsByKind).toEqual([{ action: 'comment:hide', count: 2 }, { action: 'comment:dismiss', count: 1 }]);
    expect(d.medianMinutesToDecision).toBe(60);
    expect(d.topThreads).toEqual([{ slug: 'dash-a', title: '仪表盘话题', reports: 3 }]);
    expect(d.topMembers.length).toBe(1);
  });

  it('and 7 and 30 days by China day', async () => {
    const week = await dashboard(prisma, mod, '7d', NOW);
    expect(week.totals.comments).toBe(7);
    expect(week.activity.length).toBe(8);
    const month = await dashboard(prisma, mod, '30d', NOW);
    expect(month.totals.comments).toBe(8);
    expect(month.activity.reduce((n, b) => n + b.comments + b.replies, 0)).toBe(10);
  });

  it('is for staff only', async () => {
    expect((await refusal(dashboard(prisma, member, '7d'))).status).toBe(403);
    expect((await refusal(dashboard(prisma, null, '7d'))).status).toBe(401);
  });
});
