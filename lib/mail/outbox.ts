// Mail that never blocks the request causing it, and survives a restart: a message is a row of
// mail_outbox, written in the transaction of what causes it (queueMail), and sent by a worker
// that every process runs (startMailer). A worker claims due messages with SKIP LOCKED and
// leases them for LEASE_SECONDS, so that several processes and instances never take the same
// message; a failure is retried with backoff, and given up after MAX_ATTEMPTS. A process that
// dies between the server's acceptance and the row's update sends that message once more after
// the lease, with the same Message-ID (receivers fold it): the one window for a second copy.
//
// With YILUN_SMTP_URL unset (the embedded default), a message is written as an .eml file under
// YILUN_MAIL_DIR and logged, so that someone trying Yilun locally can follow its link.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client.ts';
import { env } from '../env.ts';
import { logger } from '../log.ts';
import { emailKey } from '../users/schemas.ts';

type Tx = Pick<Db, '$queryRaw' | '$executeRaw'>;

export interface OutgoingMail {
  userId: number | null;
  to: string;
  /** What it is for: reset, verify, … (kept with the row; a test and the log read it). */
  kind: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** How long a claimed message is the claimer's before another worker may try it. */
export const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 10;
/** Seconds before the next try after the n-th failure: 30 s, 1 min, 2 min … up to an hour. */
export const backoffSeconds = (attempts: number) => Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
const POLL_MS = 3_000;
const BATCH = 20;

/** The From of every message. */
export function mailFrom(): string {
  const configured = env().YILUN_MAIL_FROM;
  if (configured) return configured;
  const site = env().YILUN_PUBLIC_URL;
  return `议论 <no-reply@${site ? new URL(site).hostname : 'localhost'}>`;
}

const messageHost = () => {
  const site = env().YILUN_PUBLIC_URL;
  return site ? new URL(site).hostname : 'yilun.localhost';
};

/**
 * Queues a message in the caller's transaction: it goes only if that commits. Call wakeMailer()
 * after the commit for it to go at once (else the next poll, within POLL_MS, takes it).
 */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<void> {
  const messageId = `<${crypto.randomUUID()}@${messageHost()}>`;
  await tx.$executeRaw`
    INSERT INTO mail_outbox (user_id, to_address, kind, subject, text, html, headers, message_id)
    VALUES (${mail.userId}, ${mail.to}, ${mail.kind}, ${mail.subject}, ${mail.text}, ${mail.html}, ${JSON.stringify(mail.headers ?? {})}::jsonb, ${messageId})`;
}

interface Claimed {
  id: bigint;
  user_id: number | null;
  to_address: string;
  kind: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  message_id: string;
  attempts: number;
  created_at: Date;
}

/**
 * nodemailer's options from YILUN_SMTP_URL: a pool of connections kept open between messages,
 * and timeouts well inside a claim's lease; the URL's own query (`?pool=false`,
 * `?tls.rejectUnauthorized=false`) overrides them, as nodemailer reads it.
 */
function smtpOptions(url: string): string {
  const u = new URL(url);
  const defaults = { pool: 'true', connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '30000' };
  for (const [k, v] of Object.entries(defaults)) if (!u.searchParams.has(k)) u.searchParams.set(k, v);
  return u.toString();
}

let transport: { url: string | null; t: Transporter } | null = null;
function transporter(): { smtp: boolean; t: Transporter } {
  const url = env().YILUN_SMTP_URL ?? null;
  if (!transport || transport.url !== url) {
    transport?.t.close();
    transport = { url, t: url ? nodemailer.createTransport(smtpOptions(url)) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }) };
  }
  return { smtp: url !== null, t: transport.t };
}

/** An SMTP answer that says the address will never take mail (5xx on the recipient). */
const permanent = (err: unknown) => {
  const e = err as { responseCode?: number; command?: string };
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && (e.command === 'RCPT TO' || e.responseCode === 550 || e.responseCode === 553);
};

async function sendOne(m: Claimed): Promise<void> {
  const { smtp, t } = transporter();
  const message = {
    from: mailFrom(),
    to: m.to_address,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: m.headers,
    messageId: m.message_id,
    date: m.created_at,
  };
  const info = await t.sendMail(message);
  if (smtp) {
    logger.info({ mail: m.kind, to: m.to_address, id: String(m.id) }, 'mail sent');
    return;
  }
  const dir = path.resolve(env().YILUN_MAIL_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${m.created_at.toISOString().replace(/[:.]/g, '-')}-${m.id}-${m.kind}.eml`);
  fs.writeFileSync(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
  logger.info({ mail: m.kind, to: m.to_address, subject: m.subject, file }, `mail written to ${file} (YILUN_SMTP_URL is not set)`);
}

/**
 * Sends the messages that are due, once: claims up to BATCH of them, sends each, and records
 * what happened. Returns how many were sent. Any process may run it at any time.
 */
export async function deliverDue(prisma: Tx): Promise<number> {
  const claimed = await prisma.$queryRaw<Claimed[]>`
    UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = now() + ${`${LEASE_SECONDS} seconds`}::interval
    WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id, user_id, to_address, kind, subject, text, html, headers, message_id, attempts, created_at`;
  let sent = 0;
  for (const m of claimed) {
    try {
      await sendOne(m);
      // What was sent stays as a record (to whom, what for, when), not its text: a link in it
      // may carry a token, which is kept nowhere but in the member's mailbox.
      await prisma.$executeRaw`UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL, text = '', html = '' WHERE id = ${m.id}`;
      sent++;
    } catch (err) {
      const reason = String((err as Error).message ?? err).slice(0, 500);
      if (permanent(err)) {
        // The address refuses mail: nothing more goes to it until the member verifies one again.
        await prisma.$executeRaw`UPDATE mail_outbox SET status = 'failed', last_error = ${reason} WHERE id = ${m.id}`;
        if (m.user_id !== null)
          await prisma.$executeRaw`UPDATE users SET email_bounced_at = now() WHERE id = ${m.user_id} AND email_key = ${emailKey(m.to_address)}`;
        logger.warn({ mail: m.kind, to: m.to_address, id: String(m.id), reason }, 'mail refused by the receiving server: not retried');
        continue;
      }
      const last = m.attempts >= MAX_ATTEMPTS;
      await prisma.$executeRaw`
        UPDATE mail_outbox SET status = ${last ? 'failed' : 'pending'}, last_error = ${reason},
               next_attempt_at = now() + ${`${backoffSeconds(m.attempts)} seconds`}::interval
        WHERE id = ${m.id}`;
      logger.warn({ mail: m.kind, id: String(m.id), attempts: m.attempts, reason }, last ? 'mail given up after every retry' : 'mail not sent: retried later');
    }
  }
  return sent;
}

// The process's worker: every POLL_MS, and at once after this process queues a message.
let timer: NodeJS.Timeout | null = null;
let running: Promise<void> | null = null;
let again = false;
let mailerDb: Tx | null = null;

function run() {
  if (!mailerDb) return;
  if (running) {
    again = true;
    return;
  }
  const db = mailerDb;
  running = (async () => {
    try {
      do {
        again = false;
        while ((await deliverDue(db)) === BATCH);
      } while (again);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'mail worker: could not read the outbox; trying again shortly');
    } finally {
      running = null;
    }
  })();
}

/** Wakes this process's worker (after a commit that queued mail). */
export function wakeMailer(): void {
  if (mailerDb) setImmediate(run);
}

/** Starts this process's worker (instrumentation.ts). */
export function startMailer(prisma: Tx): void {
  if (timer) return;
  mailerDb = prisma;
  timer = setInterval(run, POLL_MS);
  timer.unref();
  setImmediate(run);
}

/** Stops it (tests, drain). */
export async function stopMailer(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = null;
  mailerDb = null;
  await running;
}
