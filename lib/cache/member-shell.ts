// Members' thread pages from the shared cache (docs/decisions/006-member-pages.md).
//
// A member who has taken no part in an article — no comment of theirs in it, no like — has
// nothing of their own on its thread page: no liked mark, no held or removed comment with a
// reason, no recent comment to keep in view. Their page is the readers' page with a member's
// controls, the same for every such member: "the members' shell" (app/shell), rendered once
// per (language, article, sort, cursor) and served from Next's cache, like the readers' pages.
// Only the header (their name, their notifications) is theirs; it comes from GET /api/v1/me.
//
// proxy.ts asks this module where a member's request goes. Anyone else — staff, a suspended
// member, a member who took part, a session that needs renewing, a refused decision to tell —
// keeps the page rendered for them.
import { env } from '../env.ts';
import pg from 'pg';
import { applicationName, poolShares } from '../db/pools.ts';
import type { NextRequest } from 'next/server';
import { LOCALE_COOKIE, resolveLocale } from '@/i18n/locales.ts';
import { pathParam } from '../path-param.ts';
import { readSessionToken, renewalDue } from '../auth/session-token.ts';
import { cachedThreadPath, SHELL_PREFIX, THREAD_PATH } from './public-pages.js';
import { isSealed } from '../threads/cursor-seal.ts';


const shellPool = () => {
  // One per process, whichever bundle asks.
  const g = globalThis as unknown as { yilunShellPool?: pg.Pool };
  if (!g.yilunShellPool) {
    const pool = (g.yilunShellPool = new pg.Pool({ connectionString: env().DATABASE_URL, max: poolShares().shell, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 10_000, application_name: applicationName('shell') }));
    pool.on('error', () => {});
  }
  return g.yilunShellPool;
};

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The internal path of the members' shell for this request, or null when the request is to
 * be rendered for the member. A document request is checked against the database (one
 * indexed query); a refresh from a page that is already the shell stays on the shell, since
 * the shell and the per-request page have different root layouts and a switch between them
 * is a full page load (what is typed in a form would be lost). The shell holds nothing of
 * any member, so serving it never shows anyone what is not theirs.
 */
export async function memberShellPath(req: NextRequest): Promise<string | null> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const m = THREAD_PATH.exec(req.nextUrl.pathname);
  if (!m || req.headers.has('next-action')) return null;
  const sp = req.nextUrl.searchParams;
  // A refused decision or like comes back in the address, to be told to this member.
  if (sp.has('moderation') || sp.has('refused')) return null;
  if (req.headers.get('rsc') === '1' || req.headers.has('next-router-prefetch')) {
    const tree = req.headers.get('next-router-state-tree');
    if (!tree || !decoded(tree).includes('"shell"')) return null;
  } else if (!(await takesNoPart(req, pathParam(m[1])))) return null;
  const locale = resolveLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
  return cachedThreadPath(SHELL_PREFIX, locale, m[1], sp, isSealed);
}

/** A valid session of an active member with no comment and no like in this (visible) article. */
async function takesNoPart(req: NextRequest, slug: string): Promise<boolean> {
  const token = await readSessionToken((name) => req.cookies.get(name)?.value);
  if (!token || !Number.isSafeInteger(token.id) || token.id <= 0 || token.id > 2 ** 31 - 1) return false;
  // A session due for renewal goes to the page rendered per request, which renews it.
  if (token.issuedAt === null || renewalDue(token)) return false;
  try {
    const { rows } = await shellPool().query<{ ok: boolean }>(
      `SELECT u.role = 'member' AND u.status = 'active' AND u.password_hash IS NOT NULL AND u.deleted_at IS NULL
              AND u.session_version = $3
              AND NOT EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = $4)
              AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.author_id = u.id AND c.article_id = a.id)
              AND NOT EXISTS (SELECT 1 FROM likes l JOIN comments c ON c.id = l.comment_id WHERE l.user_id = u.id AND c.article_id = a.id) AS ok
       FROM users u, articles a
       WHERE u.id = $1 AND a.slug = $2 AND a.unpublished_at IS NULL AND a.published_at <= now() /* lib/articles/visibility.ts */`,
      [token.id, slug, token.sessionVersion, token.sid],
    );
    return rows[0]?.ok === true;
  } catch {
    // The page rendered per request answers for itself (a 503 during an outage).
    return false;
  }
}
