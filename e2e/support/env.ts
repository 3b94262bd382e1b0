// Shared by playwright.config.ts and the tests: the app server's secret, so that tests can
// sign members in by writing their session cookie, as a real sign-in would.
export const E2E_AUTH_SECRET = process.env.AUTH_SECRET ?? 'e2e-secret-not-for-production-use-000000';
export const SESSION_COOKIE = 'authjs.session-token';
/** Where the e2e server writes its mail (it runs without SMTP: the embedded default, .eml files). */
export const E2E_MAIL_DIR = `${process.cwd()}/.data/e2e-mail`;
