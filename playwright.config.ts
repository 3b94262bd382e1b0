import fs from 'node:fs';
import { defineConfig } from '@playwright/test';
import { E2E_AUTH_SECRET, E2E_MAIL_DIR, E2E_OIDC_CLIENT, E2E_OIDC_ISSUER, E2E_OIDC_NAME } from './e2e/support/env.ts';
import { serverEntry } from './scripts/lib/server-entry.ts';

// `npm test` prepares a seeded database and passes it in DATABASE_URL.
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium where it is installed (CI, offline machines); Playwright's own elsewhere.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'zh-CN',
    // A click that cannot happen fails with its reason, instead of waiting out the test.
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: systemChromium,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
      ],
    },
  },
  webServer: {
    // The server `npm start` runs: Next.js behind the front door (scripts/serve.ts, bundled).
    command: `node ${await serverEntry()}`,
    url: `${baseURL}/api/v1/articles`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      AUTH_SECRET: E2E_AUTH_SECRET,
      AUTH_TRUST_HOST: 'true',
      // No SMTP: mail is written as .eml files, as on a fresh clone (e2e/mail.spec.ts reads them).
      YILUN_SMTP_URL: '',
      YILUN_MAIL_DIR: E2E_MAIL_DIR,
      // Sign-in with a newsroom's accounts: the OpenID Connect provider e2e/oidc.spec.ts starts
      // (and stops, to find the page that says it is out of reach).
      YILUN_OIDC_ISSUER: E2E_OIDC_ISSUER,
      YILUN_OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
      YILUN_OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
      YILUN_OIDC_NAME: E2E_OIDC_NAME,
      // Notifications are mailed after 2 s unread, not 10 minutes (e2e/mail.spec.ts).
      YILUN_MAIL_NOTIFY_AFTER: '2',
      NEXT_TELEMETRY_DISABLED: '1',
      // Browser flows post a comment and a reply within seconds; the default (1 per 10 s)
      // is tested in tests/members.test.ts, and this one in e2e/participate.spec.ts.
      YILUN_RATE_LIMIT_COMMENT_BURST: '3/10',
      // Every walk searches from 127.0.0.1, the hostile one 229 times in a row; the default
      // (60 a minute per address) is tested in tests/search.test.ts.
      YILUN_RATE_LIMIT_SEARCHES: '2000/60',
      // One process: a test that reads right after a write must not race the bus between
      // workers (e2e/workers.spec.ts and e2e/instances.spec.ts test several processes).
      YILUN_WORKERS: '1',
    },
  },
});
