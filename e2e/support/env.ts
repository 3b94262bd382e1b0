// Shared by playwright.config.ts and the tests: the app server's secret, so that tests can
// sign members in by writing their session cookie, as a real sign-in would.
export const E2E_AUTH_SECRET = process.env.AUTH_SECRET ?? 'e2e-secret-not-for-production-use-000000';
export const SESSION_COOKIE = 'authjs.session-token';
/** Where the e2e server writes its mail (it runs without SMTP: the embedded default, .eml files). */
export const E2E_MAIL_DIR = `${process.cwd()}/.data/e2e-mail`;

/** The OpenID Connect provider e2e/oidc.spec.ts runs (e2e/support/oidc.ts), as the server knows it. */
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3199);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
export const E2E_OIDC_CLIENT = { id: 'yilun-e2e', secret: 'e2e-oidc-secret-not-for-production' };
export const E2E_OIDC_NAME = '新闻社账号';
