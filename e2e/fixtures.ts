// Shared fixtures: every page fails its test on an unexpected console error or page error;
// `sql` reaches the test database for data a test makes (and cleans) itself.
import { test as base, expect } from '@playwright/test';
import pg from 'pg';

export const SEED_SLUG = '05afd521a51e';

export const test = base.extend<{ consoleErrors: string[]; sql: pg.Pool }>({
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, consoleErrors }, use) => {
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`);
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
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    await use(pool);
    await pool.end();
  },
});

export { expect };
