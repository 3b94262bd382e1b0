// Every environment variable Yilun reads, typed and checked, with its default, in one place.
// Nothing else reads process.env. `npm start` checks them all before it does anything else,
// and a bad value stops it with one line that names the variable and what it must be. The
// README's configuration table is checked against ENV_DOCS by a test.
import { z } from 'zod';

/** lib/rate-limit.ts's limits, by the names their variables carry (a test keeps both lists in step). */
export const RATE_LIMIT_NAMES = ['SIGN_IN_PAIR', 'SIGN_IN_ADDRESS', 'SIGN_IN_ACCOUNT', 'SIGN_IN_DEVICE', 'SIGN_UP_ADDRESS', 'COMMENT_BURST', 'COMMENT_HOURLY', 'LIKES', 'REPORTS', 'COMMENT_EDITS', 'PASSWORD_CHECKS', 'RESET_ADDRESS', 'RESET_ACCOUNT', 'ADDRESS_MAILS', 'EMBED_SESSIONS', 'SEARCHES'] as const;

const postgresUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgresql:' || u.protocol === 'postgres:') && u.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a PostgreSQL URL such as postgresql://user:password@host:5432/database');

const rateLimit = z.string().regex(/^[1-9]\d{0,6}\/[1-9]\d{0,6}$/, 'must be COUNT/SECONDS, such as 3/10');
const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  DIRECT_URL: postgresUrl.optional(),
  DATABASE_REPLICA_URL: postgresUrl.optional(),
  PORT: whole(1, 65535).default(3000),
  HOST: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(16, 'must be at least 16 characters (the launcher makes one when unset)').optional(),
  AUTH_TRUST_HOST: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  NODE_ENV: z.enum(['production', 'development', 'test']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  YILUN_PUBLIC_URL: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.pathname === '/' && !u.search && !u.hash;
      } catch {
        return false;
      }
    }, 'must be the site origin, such as https://forum.example.com')
    .optional(),
  YILUN_SMTP_URL: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
      } catch {
        return false;
      }
    }, 'must be an SMTP URL such as smtp://user:password@mail.example.com:587 (smtps:// for TLS from the start)')
    .optional(),
  YILUN_MAIL_FROM: z.string().regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address such as "议论 <no-reply@forum.example.com>"').optional(),
  YILUN_MAIL_DIR: z.string().min(1).default('.data/mail'),
  YILUN_MAIL_NOTIFY_AFTER: whole(1, 86_400).default(600),
  YILUN_OIDC_ISSUER: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, 'must be the OpenID Connect issuer URL, such as https://id.example.com/realms/news')
    .optional(),
  YILUN_OIDC_CLIENT_ID: z.string().min(1).optional(),
  YILUN_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  YILUN_OIDC_NAME: z.string().min(1).max(40).default('OpenID Connect'),
  YILUN_GITHUB_ID: z.string().min(1).optional(),
  YILUN_GITHUB_SECRET: z.string().min(1).optional(),
  YILUN_TRUSTED_PROXIES: whole(0, 10).default(0),
  YILUN_DB_POOL_SIZE: whole(4, 200).default(16),
  YILUN_WORKERS: whole(1, 64).optional(),
  YILUN_WORKER_HEAP_MB: whole(64, 16384).optional(),
  YILUN_SEARCH_BUDGET_MS: whole(10, 60_000).default(300),
  YILUN_RATE_LIMITS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  ...Object.fromEntries(RATE_LIMIT_NAMES.map((n) => [`YILUN_RATE_LIMIT_${n}`, rateLimit.optional()])),
  YILUN_PG_HOME: z.string().startsWith('/', 'must be an absolute path').default('/var/lib/yilun'),
  YILUN_ADMIN_PASSWORD: z.string().optional(),
  YILUN_TEST_ALLOW_REMOTE_DB: z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional(),
  BENCH_DURATION: whole(1, 3600).default(10),
  BENCH_CONNECTIONS: whole(1, 10_000).default(50),
  BENCH_WRITES: whole(1, 100_000).default(25),
  BENCH_STREAMS: whole(1, 50_000).default(5000),
  BENCH_PORT: whole(1, 65535).default(3200),
});

/** Variables that go together: one set without the others is a mistake to say at start. */
const TOGETHER: string[][] = [
  ['YILUN_OIDC_ISSUER', 'YILUN_OIDC_CLIENT_ID', 'YILUN_OIDC_CLIENT_SECRET'],
  ['YILUN_GITHUB_ID', 'YILUN_GITHUB_SECRET'],
];

export type Env = z.infer<typeof schema> & Partial<Record<`YILUN_RATE_LIMIT_${(typeof RATE_LIMIT_NAMES)[number]}`, string>>;

/** What each variable is for, for the README's table (a test keeps the two in step). */
export const ENV_DOCS: Record<keyof Env, string> = {
  DATABASE_URL: 'PostgreSQL to use; unset: an embedded PostgreSQL under `.data/`',
  DIRECT_URL: 'a connection to the same PostgreSQL that bypasses a transaction pooler (PgBouncer), for what needs a session: the bus\'s `LISTEN`, migrations and their lock, backups and restores; unset: `DATABASE_URL`',
  DATABASE_REPLICA_URL: 'a streaming replica (hot standby) of that PostgreSQL: the pages every reader shares and the read API read from it, once it has replayed every write this process knows of (docs/scaling.md); unset: everything reads `DATABASE_URL`',
  PORT: 'port to serve on',
  HOST: 'address to listen on (all addresses when unset)',
  AUTH_SECRET: 'secret for session cookies; unset: made once and kept in `.data/auth-secret`',
  AUTH_TRUST_HOST: "trust the request's Host header for sign-in URLs (the launcher sets `true`)",
  NODE_ENV: 'set by the launcher (`production`)',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace or silent',
  YILUN_PUBLIC_URL: "the site's public origin (`https://forum.example.com`), for canonical links, Open Graph, feeds and the sitemap; unset: the request's own host (links in cached pages stay relative)",
  YILUN_SMTP_URL: 'where mail goes: `smtp://user:password@host:587` (STARTTLS when the server offers it) or `smtps://…:465`; unset: each message is written to `YILUN_MAIL_DIR` as an `.eml` file and logged',
  YILUN_MAIL_FROM: "the From of every message; unset: `议论 <no-reply@HOST>`, HOST from `YILUN_PUBLIC_URL` (else `localhost`)",
  YILUN_MAIL_NOTIFY_AFTER: 'seconds a notification stays unread in the app before it is mailed (to members who chose each one)',
  YILUN_MAIL_DIR: 'where messages are written when `YILUN_SMTP_URL` is unset (relative to the working directory)',
  YILUN_OIDC_ISSUER: 'an OpenID Connect provider to sign in with (Keycloak, Authentik, a CMS): its issuer URL; with the client id and secret below. Its redirect URI is `ORIGIN/api/auth/callback/oidc`',
  YILUN_OIDC_CLIENT_ID: 'the client id Yilun has at that provider',
  YILUN_OIDC_CLIENT_SECRET: 'its client secret',
  YILUN_OIDC_NAME: 'what the sign-in button calls that provider ("使用 NAME 登录")',
  YILUN_GITHUB_ID: 'sign in with GitHub: the OAuth app\'s client id (callback `ORIGIN/api/auth/callback/github`), with the secret below',
  YILUN_GITHUB_SECRET: "the GitHub OAuth app's client secret",
  YILUN_TRUSTED_PROXIES: 'how many reverse proxies in front set `X-Forwarded-For` (0: none is believed)',
  YILUN_DB_POOL_SIZE: 'every database connection of one process, all pools together (lib/db/pools.ts)',
  YILUN_WORKERS: 'app processes (one per core when unset); they share the port and agree through the bus',
  YILUN_WORKER_HEAP_MB: "each worker's JavaScript heap in MB (V8's `--max-old-space-size`, with several workers): what a worker keeps after heavy use, for some speed (README, Speed); unset: Node's default",
  YILUN_SEARCH_BUDGET_MS: 'how long the database may rank a search\'s matches (ms); a query too broad for it (a single common character) is answered from the newest 20 000 comments instead, and says so',
  YILUN_RATE_LIMITS: '`off` turns every rate limit off (for load tests only)',
  YILUN_RATE_LIMIT_COMMENT_BURST: 'comments per member, as COUNT/SECONDS (default 1/10)',
  YILUN_RATE_LIMIT_COMMENT_HOURLY: 'comments per member (default 30/3600)',
  YILUN_RATE_LIMIT_LIKES: 'likes per member (default 120/60)',
  YILUN_RATE_LIMIT_REPORTS: 'reports per member (default 10/3600)',
  YILUN_RATE_LIMIT_COMMENT_EDITS: 'edits of their own comments per member (default 20/600)',
  YILUN_RATE_LIMIT_PASSWORD_CHECKS: 'current-password checks in settings per member (default 10/900)',
  YILUN_RATE_LIMIT_SIGN_IN_PAIR: 'failed sign-ins from one address on one account (default 10/900)',
  YILUN_RATE_LIMIT_SIGN_IN_ADDRESS: 'failed sign-ins from one address (default 60/900)',
  YILUN_RATE_LIMIT_SIGN_IN_ACCOUNT: 'failed sign-ins on one account before the backoff (default 10/900)',
  YILUN_RATE_LIMIT_SIGN_IN_DEVICE: 'failed sign-ins from a browser that signed in to the account before (its device cookie exempts it from the account\'s backoff; default 10/900)',
  YILUN_RATE_LIMIT_SIGN_UP_ADDRESS: 'sign-ups from one address (default 20/3600)',
  YILUN_RATE_LIMIT_RESET_ADDRESS: 'password reset requests from one network address (default 10/3600)',
  YILUN_RATE_LIMIT_RESET_ACCOUNT: 'password reset mails to one account (default 3/3600; requests past it get the same answer and no mail)',
  YILUN_RATE_LIMIT_ADDRESS_MAILS: 'verification mails a member may ask for (default 5/3600)',
  YILUN_RATE_LIMIT_SEARCHES: 'searches from one network address on /search and /api/v1/search (default 60/60; staff search is not limited)',
  YILUN_RATE_LIMIT_EMBED_SESSIONS: 'sessions frames under publishers\' pages may take per network address (default 60/600)',
  YILUN_PG_HOME: "where the embedded PostgreSQL's binaries and cluster go when run as root from a directory its user cannot enter",
  YILUN_ADMIN_PASSWORD: '`npm run admin`: the password, when there is no terminal to ask',
  YILUN_TEST_ALLOW_REMOTE_DB: '`npm test`: `1` lets the tests create and drop databases on a server that is not local',
  BENCH_DURATION: '`npm run bench`: seconds per measurement',
  BENCH_CONNECTIONS: '`npm run bench`: concurrent connections',
  BENCH_WRITES: '`npm run bench`: writes per writer',
  BENCH_STREAMS: '`npm run bench`: open live streams for the fan-out row',
  BENCH_PORT: '`npm run bench`: port of the server under test',
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvError';
  }
}

/** One line per bad variable: "PORT=abc: must be a whole number from 1 to 65535". */
function describe(error: z.ZodError, source: Record<string, string | undefined>): string {
  return error.issues
    .map((i) => {
      const name = String(i.path[0]);
      return `${name}=${JSON.stringify(source[name] ?? '')}: ${i.message}`;
    })
    .join('; ');
}

/**
 * The configuration, read from the environment now (tests and the launcher change it at run
 * time, so it is not cached; reading it costs microseconds). Empty values count as unset.
 */
export function env(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]));
  const parsed = schema.safeParse(present);
  if (!parsed.success) throw new EnvError(`bad configuration: ${describe(parsed.error, source)}`);
  for (const group of TOGETHER) {
    const set = group.filter((k) => present[k] !== undefined);
    if (set.length && set.length < group.length)
      throw new EnvError(`bad configuration: ${group.filter((k) => !set.includes(k)).join(', ')} must be set with ${set.join(', ')}`);
  }
  return parsed.data as Env;
}

/** The launcher's check: null when the configuration is good, else the one line to print. */
export function configurationProblem(source: Record<string, string | undefined> = process.env): string | null {
  try {
    env(source);
    return null;
  } catch (err) {
    if (err instanceof EnvError) return err.message;
    throw err;
  }
}

/** A rate limit's override, if set: `YILUN_RATE_LIMIT_COMMENT_BURST=3/10`. */
export function rateLimitOverride(name: string): { limit: number; seconds: number } | null {
  const key = `YILUN_RATE_LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}` as keyof Env;
  const value = env()[key];
  if (typeof value !== 'string') return null;
  const [limit, seconds] = value.split('/').map(Number);
  return { limit, seconds };
}

/** The README's configuration table, made from the schema and ENV_DOCS (a test compares). */
export function envTable(): string {
  const rows = (Object.keys(ENV_DOCS) as (keyof typeof ENV_DOCS)[]).map((name) => {
    const field = (schema.shape as Record<string, z.ZodType>)[name];
    const d = field?.safeParse(undefined);
    const fallback = d?.success && d.data !== undefined ? `\`${String(d.data)}\`` : '—';
    return `| \`${name}\` | ${fallback} | ${ENV_DOCS[name]} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
