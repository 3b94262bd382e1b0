// How the community is doing, for staff (issue 23, /mod/dashboard): over the last 24 hours, 7
// or 30 days, counted straight from the tables by range scans on their created_at indexes
// (docs/decisions/015-dashboard.md): comments and replies by hour or day, active members,
// sign-ups, reports by reason, the queue now, decisions by kind, the median time from a report
// to its decision, the most reported threads and members, the pre-moderation breaker's trips.
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { assertCan, type Actor } from '../policy.ts';

export const RANGES = { '24h': { hours: 24, bucket: 'hour' }, '7d': { hours: 7 * 24, bucket: 'day' }, '30d': { hours: 30 * 24, bucket: 'day' } } as const;
export type Range = keyof typeof RANGES;
export const isRange = (r: unknown): r is Range => typeof r === 'string' && r in RANGES;

export interface Dashboard {
  range: Range;
  since: Date;
  /** Comments and replies per hour (24h) or per China day, oldest first, every bucket present. */
  activity: { at: Date; comments: number; replies: number }[];
  totals: { comments: number; replies: number; activeMembers: number; signUps: number; reports: number; breakerTrips: number };
  queue: { openReports: number; reportedComments: number; held: number };
  reportsByReason: { reason: string; count: number }[];
  decisionsByKind: { action: string; count: number }[];
  /** Median minutes from a report to its decision, for reports decided in the range (null: none). */
  medianMinutesToDecision: number | null;
  topThreads: { slug: string; title: string; reports: number }[];
  topMembers: { username: string; displayName: string; reports: number }[];
}

export async function dashboard(prisma: Db, actor: Actor | null, range: Range = '7d', now = new Date()): Promise<Dashboard> {
  assertCan(actor, 'mod:queue');
  const { hours, bucket } = RANGES[range];
  const since = new Date(now.getTime() - hours * 3600_000);
  const unit = Prisma.raw(`'${bucket}'`);
  const [activity, totals, queue, reasons, decisions, median, threads, members] = await Promise.all([
    prisma.$queryRaw<{ at: Date; comments: number; replies: number }[]>`
      WITH b AS (
        SELECT generate_series(date_trunc(${unit}, ${since}::timestamptz AT TIME ZONE 'Asia/Shanghai'), date_trunc(${unit}, ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai'), ('1 ' || ${bucket})::interval) AS local
      ), c AS (
        SELECT date_trunc(${unit}, created_at AT TIME ZONE 'Asia/Shanghai') AS local, count(*) FILTER (WHERE depth = 0)::int AS comments, count(*) FILTER (WHERE depth > 0)::int AS replies
        FROM comments WHERE created_at >= ${since} AND created_at <= ${now} GROUP BY 1
      )
      SELECT b.local AT TIME ZONE 'Asia/Shanghai' AS at, coalesce(c.comments, 0) AS comments, coalesce(c.replies, 0) AS replies
      FROM b LEFT JOIN c USING (local) ORDER BY b.local`,
    prisma.$queryRaw<{ comments: number; replies: number; active: number; signups: number; reports: number; trips: number }[]>`
      SELECT
        (SELECT count(*)::int FROM comments WHERE created_at >= ${since} AND created_at <= ${now} AND depth = 0) AS comments,
        (SELECT count(*)::int FROM comments WHERE created_at >= ${since} AND created_at <= ${now} AND depth > 0) AS replies,
        (SELECT count(DISTINCT who)::int FROM (
           SELECT author_id AS who FROM comments WHERE created_at >= ${since} AND created_at <= ${now}
           UNION SELECT reporter_id FROM reports WHERE created_at >= ${since} AND created_at <= ${now}
         ) t) AS active,
        (SELECT count(*)::int FROM users WHERE created_at >= ${since} AND created_at <= ${now} AND imported_from IS NULL) AS signups,
        (SELECT count(*)::int FROM reports WHERE created_at >= ${since} AND created_at <= ${now}) AS reports,
        (SELECT count(*)::int FROM moderation_actions WHERE created_at >= ${since} AND created_at <= ${now} AND action = 'article:auto-premod') AS trips`,
    prisma.$queryRaw<{ open: number; reported: number; held: number }[]>`
      SELECT (SELECT count(*)::int FROM reports WHERE resolved_at IS NULL) AS open,
             (SELECT count(DISTINCT comment_id)::int FROM reports WHERE resolved_at IS NULL) AS reported,
             (SELECT count(*)::int FROM comments WHERE status = 'held') AS held`,
    prisma.$queryRaw<{ reason: string; count: number }[]>`
      SELECT reason::text, count(*)::int AS count FROM reports WHERE created_at >= ${since} AND created_at <= ${now} GROUP BY reason ORDER BY count DESC, reason`,
    prisma.$queryRaw<{ action: string; count: number }[]>`
      SELECT action, count(*)::int AS count FROM moderation_actions
      WHERE created_at >= ${since} AND created_at <= ${now} AND moderator_id IS NOT NULL GROUP BY action ORDER BY count DESC, action LIMIT 12`,
    prisma.$queryRaw<{ minutes: number | null }[]>`
      SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at)) / 60)::float8 AS minutes
      FROM reports WHERE resolved_at >= ${since} AND resolved_at <= ${now}`,
    prisma.$queryRaw<{ slug: string; title: string; reports: number }[]>`
      SELECT a.slug, a.title, count(*)::int AS reports FROM reports r JOIN comments c ON c.id = r.comment_id JOIN articles a ON a.id = c.article_id
      WHERE r.created_at >= ${since} AND r.created_at <= ${now} GROUP BY a.id ORDER BY reports DESC, a.id LIMIT 5`,
    prisma.$queryRaw<{ username: string; display_name: string; reports: number }[]>`
      SELECT u.username, u.display_name, count(*)::int AS reports FROM reports r JOIN comments c ON c.id = r.comment_id JOIN users u ON u.id = c.author_id
      WHERE r.created_at >= ${since} AND r.created_at <= ${now} GROUP BY u.id ORDER BY reports DESC, u.id LIMIT 5`,
  ]);
  const t = totals[0];
  return {
    range,
    since,
    activity,
    totals: { comments: t.comments, replies: t.replies, activeMembers: t.active, signUps: t.signups, reports: t.reports, breakerTrips: t.trips },
    queue: { openReports: queue[0].open, reportedComments: queue[0].reported, held: queue[0].held },
    reportsByReason: reasons,
    decisionsByKind: decisions,
    medianMinutesToDecision: median[0]?.minutes ?? null,
    topThreads: threads,
    topMembers: members.map((m) => ({ username: m.username, displayName: m.display_name, reports: m.reports })),
  };
}
