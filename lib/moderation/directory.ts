// Lists for staff instead of blind forms: members (by name prefix and status, with their
// record) and threads (by title, slug or a pasted address, with their state and activity).
import 'server-only';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { assertCan, type Actor } from '../policy.ts';
import { decodeCursor, encodeCursor, zId, zInstant } from '../threads/cursor.ts';
import { usernameKey } from '../users/username.ts';

const PAGE = 25;
const cursorShape = z.object({ t: zInstant, i: zId }).strict();
export const MEMBER_FILTERS = ['all', 'active', 'suspended', 'banned', 'staff'] as const;
export type MemberFilter = (typeof MEMBER_FILTERS)[number];

/** A LIKE pattern that matches what starts with `s`, wildcards in `s` taken literally. */
const startsWith = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const contains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface MemberRow {
  username: string;
  displayName: string;
  role: 'member' | 'moderator' | 'admin';
  status: 'active' | 'suspended' | 'banned';
  suspendedUntil: Date | null;
  statusReason: string | null;
  joinedAt: Date;
  imported: boolean;
  comments: number;
  removed: number;
  reportsAgainst: number;
}

export async function listMembers(prisma: Db, actor: Actor | null, query: { q?: string; filter?: MemberFilter; cursor?: string | null }) {
  assertCan(actor, 'mod:member');
  const q = (query.q ?? '').trim().replace(/^@/, '').slice(0, 64);
  const after = query.cursor ? decodeCursor(query.cursor, cursorShape) : null;
  const filter = query.filter ?? 'all';
  const where = [
    q ? Prisma.sql`(u.username_key LIKE ${startsWith(usernameKey(q))} OR lower(u.display_name) LIKE lower(${startsWith(q)}))` : Prisma.sql`true`,
    filter === 'active'
      ? Prisma.sql`(u.status = 'active' OR (u.status = 'suspended' AND u.suspended_until <= now()))`
      : filter === 'suspended'
        ? Prisma.sql`u.status = 'suspended' AND (u.suspended_until IS NULL OR u.suspended_until > now())`
        : filter === 'banned'
          ? Prisma.sql`u.status = 'banned'`
          : filter === 'staff'
            ? Prisma.sql`u.role IN ('moderator', 'admin')`
            : Prisma.sql`true`,
    after ? Prisma.sql`(u.created_at, u.id) < (${after.t}, ${after.i})` : Prisma.sql`true`,
  ];
  const rows = await prisma.$queryRaw<
    { id: number; username: string; display_name: string; role: MemberRow['role']; status: MemberRow['status']; suspended_until: Date | null; status_reason: string | null; created_at: Date; imported: boolean; comments: number; removed: number; reports: number }[]
  >`
    SELECT u.id, u.username, u.display_name, u.role, u.status, u.suspended_until, u.status_reason, u.created_at,
           u.imported_from IS NOT NULL AS imported,
           (SELECT count(*)::int FROM comments c WHERE c.author_id = u.id AND c.status <> 'deleted') AS comments,
           (SELECT count(*)::int FROM comments c WHERE c.author_id = u.id AND c.status = 'removed') AS removed,
           (SELECT count(*)::int FROM reports r JOIN comments c ON c.id = r.comment_id WHERE c.author_id = u.id) AS reports
    FROM users u
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY u.created_at DESC, u.id DESC
    LIMIT ${PAGE + 1}`;
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map(
      (r): MemberRow => ({
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        // A suspension that has run out is no suspension.
        status: r.status === 'suspended' && r.suspended_until && r.suspended_until <= new Date() ? 'active' : r.status,
        suspendedUntil: r.suspended_until,
        statusReason: r.status_reason,
        joinedAt: r.created_at,
        imported: r.imported,
        comments: r.comments,
        removed: r.removed,
        reportsAgainst: r.reports,
      }),
    ),
    nextCursor: rows.length > PAGE && last ? encodeCursor({ t: last.created_at.toISOString(), i: last.id }) : null,
  };
}

export interface ThreadRow {
  slug: string;
  title: string;
  locked: boolean;
  /** Taken down by staff: readers get 404. */
  unpublished: boolean;
  lockReason: string | null;
  premod: boolean;
  premodUntil: Date | null;
  commentCount: number;
  lastActivityAt: Date;
  openReports: number;
  held: number;
}

/**
 * What a moderator may paste to find a thread: a title (or part of it), a slug, or an
 * address of this site (`https://…/articles/SLUG/comments/7?sort=new`).
 */
export function threadSearchTerm(input: string): { slug: string | null; text: string } {
  const s = input.trim().slice(0, 300);
  const path = /(?:^|\/)articles\/([^/?#\s]+)/.exec(s);
  if (path) {
    try {
      return { slug: decodeURIComponent(path[1]), text: '' };
    } catch {
      return { slug: path[1], text: '' };
    }
  }
  return { slug: null, text: s };
}

export async function listThreads(prisma: Db, actor: Actor | null, query: { q?: string; cursor?: string | null }) {
  assertCan(actor, 'mod:article');
  const term = threadSearchTerm(query.q ?? '');
  const after = query.cursor ? decodeCursor(query.cursor, cursorShape) : null;
  const where = [
    term.slug
      ? Prisma.sql`a.slug = ${term.slug}`
      : term.text
        ? Prisma.sql`(a.slug = ${term.text} OR a.title ILIKE ${contains(term.text)})`
        : Prisma.sql`true`,
    after ? Prisma.sql`(a.last_activity_at, a.id) < (${after.t}, ${after.i})` : Prisma.sql`true`,
  ];
  const rows = await prisma.$queryRaw<
    { id: number; slug: string; title: string; locked: boolean; lock_reason: string | null; premod: boolean; premod_until: Date | null; comment_count: number; last_activity_at: Date; reports: number; held: number; unpublished: boolean }[]
  >`
    SELECT a.id, a.slug, a.title, a.locked, a.unpublished_at IS NOT NULL AS unpublished, a.lock_reason, a.premod, a.premod_until, a.comment_count, a.last_activity_at,
           (SELECT count(*)::int FROM reports r JOIN comments c ON c.id = r.comment_id
             WHERE c.article_id = a.id AND r.resolved_at IS NULL AND c.status IN ('visible', 'held')) AS reports,
           (SELECT count(*)::int FROM comments c WHERE c.article_id = a.id AND c.status = 'held') AS held
    FROM articles a
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY a.last_activity_at DESC, a.id DESC
    LIMIT ${PAGE + 1}`;
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map(
      (r): ThreadRow => ({
        slug: r.slug,
        title: r.title,
        locked: r.locked,
        lockReason: r.lock_reason,
        premod: r.premod,
        premodUntil: r.premod_until && r.premod_until > new Date() ? r.premod_until : null,
        commentCount: r.comment_count,
        lastActivityAt: r.last_activity_at,
        openReports: r.reports,
        held: r.held,
        unpublished: r.unpublished,
      }),
    ),
    nextCursor: rows.length > PAGE && last ? encodeCursor({ t: last.last_activity_at.toISOString(), i: last.id }) : null,
  };
}
