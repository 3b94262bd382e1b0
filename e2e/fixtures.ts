// Shared fixtures: every page fails its test on an unexpected console error or page error;
// `sql` reaches the test database; `member()` makes a member (in the database, as the
// tests own data) and `signIn()` signs a browser context in by writing its session cookie.
import { test as base, expect, type BrowserContext } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { createMembers } from '../tests/support/members.ts';
import { E2E_AUTH_SECRET, SESSION_COOKIE } from './support/env.ts';

export const SEED_SLUG = '05afd521a51e';
export { MEMBER_PASSWORD } from '../tests/support/members.ts';

export interface TestMember {
  id: number;
  username: string;
  displayName: string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

export async function sessionCookie(member: { id: number; displayName?: string }, sessionVersion = 0) {
  return encode({
    token: { sub: String(member.id), name: member.displayName ?? '', sv: sessionVersion },
    secret: E2E_AUTH_SECRET,
    salt: SESSION_COOKIE,
    maxAge: 3600,
  });
}

export async function signInContext(context: BrowserContext, baseURL: string, member: { id: number; displayName?: string }) {
  await context.addCookies([{ name: SESSION_COOKIE, value: await sessionCookie(member), url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
}

export const test = base.extend<{
  consoleErrors: string[];
  sql: pg.Pool;
  member: (opts?: { status?: string; suspendedUntil?: Date; prefix?: string; role?: 'member' | 'moderator' | 'admin' }) => Promise<TestMember>;
  signIn: (member: TestMember) => Promise<void>;
}>({
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, consoleErrors, baseURL }, use) => {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // Another site's page (the OpenID Connect provider's login page in e2e/oidc.spec.ts) is not ours to judge.
      if (baseURL && !page.url().startsWith(baseURL)) return;
      // A write the JSON API refuses (4xx: signed out, suspended, a banned word, a locked
      // thread) is an answer the page shows in the form, which each test asserts; Chromium
      // logs it as a failed load all the same. Failures of anything else, 5xx included, count.
      if (/status of 4\d\d\b/.test(m.text()) && /\/api\/v1\/(articles\/[^/]+\/comments|comments\/\d+(\/like)?)$/.test(m.location().url)) return;
      consoleErrors.push(`${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await use(page);
    expect(consoleErrors, `console errors (failed requests: ${failed.join(', ') || 'none'})`).toEqual([]);
  },
  sql: async ({}, use) => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
    await use(pool);
    await pool.end();
  },
  member: async ({ sql }, use) => {
    await use(async (opts = {}) => {
      const [m] = await createMembers(sql, unique(opts.prefix ?? 'm'), 1, opts);
      return { id: m.id, username: m.username, displayName: `测试${m.username}` };
    });
  },
  signIn: async ({ context, baseURL }, use) => {
    await use((m) => signInContext(context, baseURL!, m));
  },
});

/** Follows a link to another page and waits until that page has loaded (not just started). */
export async function follow(page: import('@playwright/test').Page, link: import('@playwright/test').Locator) {
  const before = page.url();
  await link.click();
  await page.waitForURL((u) => u.toString() !== before);
  await page.waitForLoadState('domcontentloaded');
}

export { expect };
