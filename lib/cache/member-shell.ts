// Members' thread pages from the shared cache (docs/decisions/006-member-pages.md).
//
// Members share one render of a thread page: the readers' page with a member's controls, the
// same for every member, "the members' shell" (app/shell), rendered once per (language,
// article, sort, cursor) and served from the page cache, like the readers' pages. What is one
// member's comes over it from GET /api/v1/me?article=SLUG: their name and notifications, the
// comments they like, the edit and delete controls of their own (lib/threads/personal.ts,
// with the rules of lib/viewer.ts; docs/decisions/010-viewer.md).
//
// proxy.ts asks this module where a member's request goes. Their comments only they may see
// (held, hidden, removed, or just posted) come with their part and are drawn over the shared
// page (components/own-cards.tsx). The page just after their own write is rendered for them
// (the posted cookie: read-your-writes whichever process answers), as is every page of staff,
// of a suspended member, of a session that needs renewing, and one that tells a refused
// decision.
import { env } from '../env.ts';
import pg from 'pg';
import { applicationName, poolShares } from '../db/pools.ts';
import type { NextRequest } from 'next/server';
import { LOCALE_COOKIE, resolveLocale } from '@/i18n/locales.ts';
import { pathParam } from '../path-param.ts';
import { readSessionToken, renewalDue } from '../auth/session-token.ts';
import { cachedThreadPath, ROUTER_TREE_HEADER, SHELL_PREFIX, THREAD_PATH } from './public-pages.js';
import { isSealed } from '../threads/cursor-seal.ts';
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
  // A refused decision or like comes back in the address, to be told to this member; `own`
  // asks for the page rendered for them (a browser without JavaScript: components/views/thread-page.tsx).
  if (sp.has('moderation') || sp.has('refused') || sp.has('own')) return null;
  // Which layout a router request comes from: the front door says (Next strips the router's own
  // headers before this runs: lib/cache/public-pages.js, routerTree).
  const router = req.headers.get(ROUTER_TREE_HEADER);
  // Without the front door (`next dev`), a request that is not a document load may be the
  // router's, from a page of either layout: it gets the page rendered for the member.
  const fetched = req.headers.has('sec-fetch-dest') && req.headers.get('sec-fetch-dest') !== 'document';
  if (router) {
    if (router !== 'shell') return null;
  } else if (fetched || req.cookies.has(POSTED_COOKIE) || !(await sharesTheRender(req, pathParam(m[1])))) return null;
  const locale = resolveLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
  return cachedThreadPath(SHELL_PREFIX, locale, m[1], sp, isSealed);
}

/**
 * A valid session of an active member, in a visible article. What is theirs comes over the
 * shared page from GET /api/v1/me?article=SLUG (lib/threads/personal.ts): their likes, their
 * comments' controls, and the comments only they may see there — held, hidden or removed
 * (with the reason), or posted in the last minutes (components/own-cards.tsx).
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
              AND NOT EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = $4) AS ok
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
