// Members' thread pages from the shared cache (docs/decisions/006-member-pages.md).
//
// Members share one render of a thread page: the readers' page with a member's controls, the
// same for every member, "the members' shell" (app/shell), rendered once per (language,
// article, sort, cursor) and served from the page cache, like the readers' pages. What is one
// member's comes over it from GET /api/v1/me?article=SLUG: their name and notifications, the
// comments they like, the edit and delete controls of their own (lib/threads/personal.ts,
// with the rules of lib/viewer.ts; docs/decisions/010-viewer.md).
//
// proxy.ts asks this module where a member's request goes. A page holding what only its member
// may see is rendered for them: a comment of theirs held, hidden or removed (shown with its
// state and reason), one posted in the last minutes (kept in view at the top), the page just
// after their own write (the posted cookie: read-your-writes whichever process answers). So is
// every page of staff, of a suspended member, of a session that needs renewing, and one that
// tells a refused decision.
import { env } from '../env.ts';
import pg from 'pg';
import { applicationName, poolShares } from '../db/pools.ts';
import type { NextRequest } from 'next/server';
import { LOCALE_COOKIE, resolveLocale } from '@/i18n/locales.ts';
import { pathParam } from '../path-param.ts';
import { readSessionToken, renewalDue } from '../auth/session-token.ts';
import { cachedThreadPath, SHELL_PREFIX, THREAD_PATH } from './public-pages.js';
import { isSealed } from '../threads/cursor-seal.ts';
import { OWN_RECENT_MINUTES } from '../comments/rules.ts';
import { POSTED_COOKIE } from '../posted-cookie.ts';


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
  } else if (req.cookies.has(POSTED_COOKIE) || !(await sharesTheRender(req, pathParam(m[1])))) return null;
  const locale = resolveLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
  return cachedThreadPath(SHELL_PREFIX, locale, m[1], sp, isSealed);
}

/**
 * A valid session of an active member with nothing in this (visible) article that only they
 * may see: no comment of theirs held, hidden or removed (shown to them with its state and
 * reason), none posted in the last OWN_RECENT_MINUTES (kept in view at the top of their page).
 * Their likes and their visible comments' controls come over the shared page from
 * GET /api/v1/me?article=SLUG (lib/threads/personal.ts).
 */
async function sharesTheRender(req: NextRequest, slug: string): Promise<boolean> {
  const token = await readSessionToken((name) => req.cookies.get(name)?.value);
  if (!token || !Number.isSafeInteger(token.id) || token.id <= 0 || token.id > 2 ** 31 - 1) return false;
  // A session due for renewal goes to the page rendered per request, which renews it.
  if (token.issuedAt === null || renewalDue(token)) return false;
  try {
    const { rows } = await shellPool().query<{ ok: boolean }>(
      `SELECT u.role = 'member' AND u.status = 'active' AND u.password_hash IS NOT NULL AND u.deleted_at IS NULL
              AND u.session_version = $3
              AND NOT EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = $4)
              AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.author_id = u.id AND c.article_id = a.id
                                AND (c.status IN ('held', 'hidden', 'removed') OR c.created_at > now() - make_interval(mins => $5))) AS ok
       FROM users u, articles a
       WHERE u.id = $1 AND a.slug = $2 AND a.unpublished_at IS NULL AND a.published_at <= now() /* lib/articles/visibility.ts */`,
      [token.id, slug, token.sessionVersion, token.sid, OWN_RECENT_MINUTES],
    );
    return rows[0]?.ok === true;
  } catch {
    // The page rendered per request answers for itself (a 503 during an outage).
    return false;
  }
}
