// Mail with the real parts: a real SMTP server (smtp-server), messages parsed with mailparser.
// Password resets (no enumeration, single use, 30 minutes, every session ended, limits),
// verified addresses (unique in any case and width), the outbox (a down server, a restart,
// two workers at once, a bounce) and the embedded default (.eml files).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createPrisma } from '../lib/db/client.ts';
import { deliverDue, queueMail } from '../lib/mail/outbox.ts';
import { adminResetLink, requestPasswordReset, resetPassword, resetTarget } from '../lib/users/password-reset.ts';
import { changeEmail, emailState, removeEmail, sendVerification, verifyEmail } from '../lib/users/email.ts';
import { deleteAccount, exportAccount } from '../lib/users/account.ts';
import { verifyCredentials } from '../lib/auth/verify-credentials.ts';
import { hashToken } from '../lib/auth/account-tokens.ts';
import { RATE_LIMITS } from '../lib/rate-limit.ts';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';
import { createMembers, MEMBER_PASSWORD } from './support/members.ts';
import { linkIn, startSmtp, type TestSmtp } from './support/smtp.ts';
import type { Actor } from '../lib/policy.ts';
import { createComment } from '../lib/comments/create-comment.ts';
import { moderateComment } from '../lib/moderation/moderate-comment.ts';
import { markNotificationsRead } from '../lib/notifications/notifications.ts';
import { mailNotifications, setMailMode } from '../lib/mail/notification-mail.ts';
import { unsubscribe, unsubscribeMember } from '../lib/mail/unsubscribe.ts';
import { saveRequireVerifiedEmail } from '../lib/users/address-policy.ts';
import { generateThread } from './support/generate-thread.ts';

const { prisma, sql, url } = await freshDatabase();
type M = Actor & { username: string };
let smtp: TestSmtp;
const ctx = { locale: 'zh-CN' as const, origin: 'http://forum.test', address: '203.0.113.7' };
const NEW_PASSWORD = 'violet harbor seventeen lanterns';

/** Gives a member a verified address straight in the database. */
const verified = (m: M, email: string) =>
  sql.query('UPDATE users SET email = $2, email_key = lower($2), email_verified_at = now() WHERE id = $1', [m.id, email]);
const outbox = async () => (await sql.query<{ kind: string; status: string; to_address: string; attempts: number; text: string; last_error: string | null }>('SELECT * FROM mail_outbox ORDER BY id')).rows;
const sendAll = async () => {
  let n = 0;
  for (let s = await deliverDue(prisma); s > 0; s = await deliverDue(prisma)) n += s;
  return n;
};

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  process.env.AUTH_SECRET ??= 'mail-test-secret-0123456789abcdef';
  smtp = await startSmtp();
  process.env.YILUN_SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.YILUN_SMTP_URL;
  await smtp.close();
});
beforeEach(async () => {
  await sql.query('DELETE FROM mail_outbox');
  smtp.messages.length = 0;
});

describe('password reset by mail', () => {
  it('sends a link to the verified address, in the member\'s language, as text and HTML; the link sets a new password once, ends every session and signs in', async () => {
    const [m] = await createMembers(sql, 'reset', 1);
    await verified(m, 'Reset.One@Example.com');
    await requestPasswordReset(prisma, { who: 'reset.one@EXAMPLE.com' }, ctx);
    expect(await sendAll()).toBe(1);
    const [mail] = await smtp.waitFor(1);
    // (nodemailer writes the domain in lower case.)
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('Reset.One@example.com');
    expect(mail.subject).toBe('重设你在议论的密码');
    expect(mail.from?.text).toContain('议论');
    const link = linkIn(mail, '/reset-password');
    expect(link.origin).toBe('http://forum.test');
    expect(mail.html).toContain(link.href.replace(/&/g, '&amp;'));
    const token = link.searchParams.get('token')!;
    // Only the hash is kept: not in the tokens table, and not in the outbox once sent.
    expect((await sql.query('SELECT count(*)::int AS n FROM account_tokens WHERE token_hash = $1', [hashToken(token)])).rows[0].n).toBe(1);
    expect((await sql.query(`SELECT count(*)::int AS n FROM account_tokens WHERE token_hash = $1`, [token])).rows[0].n).toBe(0);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', text: '' });

    const before = (await sql.query('SELECT session_version FROM users WHERE id = $1', [m.id])).rows[0].session_version;
    expect(await resetTarget(prisma, token)).toEqual({ username: m.username });
    // A weak password is refused and the link still works.
    expect(await refusal(resetPassword(prisma, { token, newPassword: 'password' }))).toMatchObject({ fields: { newPassword: expect.any(String) } });
    await expect(resetPassword(prisma, { token, newPassword: NEW_PASSWORD })).resolves.toEqual({ username: m.username });
    const after = (await sql.query('SELECT session_version FROM users WHERE id = $1', [m.id])).rows[0].session_version;
    expect(after).toBe(before + 1);
    expect(await verifyCredentials(prisma, { username: m.username, password: NEW_PASSWORD }, '127.0.0.1')).toMatchObject({ id: m.id });
    expect(await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, '127.0.0.1')).toBeNull();
    // Once.
    expect(await resetTarget(prisma, token)).toBeNull();
    expect(await refusal(resetPassword(prisma, { token, newPassword: 'another long pass phrase 77' }))).toMatchObject({ fields: { token: 'token_invalid' } });
    const log = await sql.query(`SELECT action, details FROM moderation_actions WHERE member_id = $1`, [m.id]);
    expect(log.rows).toEqual([{ action: 'member:password-reset', details: { by: 'mail' } }]);
  });

  it('answers the same and sends nothing for an unknown name or address, an address not verified, a banned or deleted member', async () => {
    const [plain, banned] = await createMembers(sql, 'noreset', 2);
    await sql.query(`UPDATE users SET email = 'plain@example.com' WHERE id = $1`, [plain.id]); // not verified
    await verified(banned, 'banned@example.com');
    await sql.query(`UPDATE users SET status = 'banned' WHERE id = $1`, [banned.id]);
    for (const who of ['nobody_here', 'nobody@example.com', plain.username, 'plain@example.com', banned.username, 'banned@example.com'])
      await expect(requestPasswordReset(prisma, { who }, ctx)).resolves.toBeUndefined();
    expect(await outbox()).toEqual([]);
    expect(await refusal(requestPasswordReset(prisma, { who: '  ' }, ctx))).toMatchObject({ fields: { who: 'who_required' } });
  });

  it('a link lasts 30 minutes; asking again leaves earlier links working until one is used, then none does', async () => {
    const [m] = await createMembers(sql, 'expiry', 1);
    await verified(m, 'expiry@example.com');
    await requestPasswordReset(prisma, { who: m.username }, ctx);
    await requestPasswordReset(prisma, { who: m.username }, ctx);
    await sendAll();
    const [first, second] = (await smtp.waitFor(2)).map((x) => linkIn(x, '/reset-password').searchParams.get('token')!);
    const minutes = (await sql.query(`SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS m FROM account_tokens WHERE token_hash = $1`, [hashToken(first)])).rows[0].m;
    expect(minutes).toBe(30);
    await sql.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hashToken(first)]);
    expect(await refusal(resetPassword(prisma, { token: first, newPassword: NEW_PASSWORD }))).toMatchObject({ fields: { token: 'token_invalid' } });
    await resetPassword(prisma, { token: second, newPassword: NEW_PASSWORD });
    expect(await refusal(resetPassword(prisma, { token: second, newPassword: NEW_PASSWORD }))).toMatchObject({ fields: { token: 'token_invalid' } });
    // Not a token at all.
    expect(await refusal(resetPassword(prisma, { token: '../etc', newPassword: NEW_PASSWORD }))).toMatchObject({ fields: { token: 'token_invalid' } });
  });

  it('limits mails per account (silently: the same answer) and requests per network address (a 429)', async () => {
    process.env.YILUN_RATE_LIMITS = 'on';
    try {
      const [m] = await createMembers(sql, 'limited', 1);
      await verified(m, 'limited@example.com');
      const address = { ...ctx, address: '198.51.100.9' };
      for (let i = 0; i < RATE_LIMITS.resetAccount.limit + 2; i++) await requestPasswordReset(prisma, { who: m.username }, address);
      expect((await outbox()).length).toBe(RATE_LIMITS.resetAccount.limit);
      for (let i = RATE_LIMITS.resetAccount.limit + 2; i < RATE_LIMITS.resetAddress.limit; i++) await requestPasswordReset(prisma, { who: 'someone_else' }, address);
      expect(await refusal(requestPasswordReset(prisma, { who: 'someone_else' }, address))).toMatchObject({ status: 429, code: 'rate_limited' });
    } finally {
      process.env.YILUN_RATE_LIMITS = 'off';
    }
  });

  it('an admin makes a one-time link for a member without an address (logged); members and moderators cannot', async () => {
    const [m] = await createMembers(sql, 'noaddr', 1);
    const [mod] = await createMembers(sql, 'linkmod', 1, { role: 'moderator' });
    const [admin] = await createMembers(sql, 'linkadmin', 1, { role: 'admin' });
    expect(await refusal(adminResetLink(prisma, mod, m.username, ctx.origin))).toMatchObject({ status: 403 });
    expect(await refusal(adminResetLink(prisma, m, m.username, ctx.origin))).toMatchObject({ status: 403 });
    const { link } = await adminResetLink(prisma, admin, m.username, ctx.origin);
    const token = new URL(link).searchParams.get('token')!;
    await resetPassword(prisma, { token, newPassword: NEW_PASSWORD });
    const log = await sql.query(`SELECT action, moderator_id, details FROM moderation_actions WHERE member_id = $1 ORDER BY id`, [m.id]);
    expect(log.rows).toEqual([
      { action: 'member:reset-link', moderator_id: admin.id, details: { hours: 24 } },
      { action: 'member:password-reset', moderator_id: admin.id, details: { by: 'admin-link' } },
    ]);
    expect(await outbox()).toEqual([]);
  });
});

describe('addresses', () => {
  it('a new address counts once its link is opened; verified addresses are unique in any case and width; never twice', async () => {
    const [a, b] = await createMembers(sql, 'addr', 2);
    await expect(changeEmail(prisma, a, { email: 'a@example.com', currentPassword: 'wrong password' }, ctx)).rejects.toMatchObject({ fields: { currentPassword: 'password_wrong' } });
    expect(await refusal(changeEmail(prisma, a, { email: 'not an address', currentPassword: MEMBER_PASSWORD }, ctx))).toMatchObject({ fields: { email: 'email_invalid' } });
    expect(await outbox()).toEqual([]);
    // Full-width forms are folded.
    await changeEmail(prisma, a, { email: 'Ｓｈａｒｅｄ＠Example.com', currentPassword: MEMBER_PASSWORD }, ctx);
    expect(await emailState(prisma, a.id)).toMatchObject({ email: null, bounced: false, pending: 'Shared@Example.com' });
    await sendAll();
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe('验证你在议论的邮箱');
    const token = linkIn(mail, '/verify-email').searchParams.get('token')!;
    await expect(verifyEmail(prisma, token)).resolves.toEqual({ userId: a.id, email: 'Shared@Example.com' });
    expect(await emailState(prisma, a.id)).toMatchObject({ email: 'Shared@Example.com', bounced: false, pending: null });
    expect(await refusal(verifyEmail(prisma, token))).toMatchObject({ fields: { token: 'token_invalid' } });
    // b asks for the same address in another case: the link goes, and opening it says it is taken.
    await sendVerification(prisma, b.id, 'shared@example.COM', ctx);
    await sendAll();
    const other = linkIn((await smtp.waitFor(2))[1], '/verify-email').searchParams.get('token')!;
    expect(await refusal(verifyEmail(prisma, other))).toMatchObject({ fields: { token: 'email_taken' } });
    expect(await emailState(prisma, b.id)).toMatchObject({ email: null });
    // The export has it; removing it works; deleting the account takes it and any link on its way.
    expect((await exportAccount(prisma, a)).profile).toMatchObject({ email: 'Shared@Example.com', emailVerifiedAt: expect.any(String) });
    await removeEmail(prisma, a);
    expect(await emailState(prisma, a.id)).toMatchObject({ email: null, bounced: false, pending: null, mode: 'digest' });
    await verified(b, 'b@example.com');
    await sendVerification(prisma, b.id, 'b2@example.com', ctx);
    await deleteAccount(prisma, b, { password: MEMBER_PASSWORD });
    const row = (await sql.query('SELECT email, email_key, email_verified_at FROM users WHERE id = $1', [b.id])).rows[0];
    expect(row).toEqual({ email: null, email_key: null, email_verified_at: null });
    expect((await sql.query('SELECT count(*)::int AS n FROM account_tokens WHERE user_id = $1', [b.id])).rows[0].n).toBe(0);
    expect((await outbox()).filter((r) => r.status === 'pending')).toEqual([]);
  });
});

describe('the outbox', () => {
  it('keeps mail while the SMTP server is down and sends it once when it is back, from another process', async () => {
    const down = await startSmtp();
    const port = down.port;
    await down.close();
    process.env.YILUN_SMTP_URL = `smtp://127.0.0.1:${port}`;
    try {
      await prisma.$transaction((tx) => queueMail(tx, { userId: null, to: 'later@example.com', kind: 'test', subject: '稍后', text: 'body', html: '<p>body</p>' }));
      expect(await deliverDue(prisma)).toBe(0);
      const [row] = await outbox();
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED|connect/i) });
      // Not retried before its backoff.
      expect(await deliverDue(prisma)).toBe(0);
      // The server comes back; another process (its own client) finds the message due and sends it.
      const back = await startSmtp(port);
      await sql.query(`UPDATE mail_outbox SET next_attempt_at = now()`);
      const other = createPrisma(url, 2);
      try {
        expect(await deliverDue(other)).toBe(1);
        expect(await deliverDue(other)).toBe(0);
      } finally {
        await other.$disconnect();
      }
      expect((await back.waitFor(1)).map((m) => m.subject)).toEqual(['稍后']);
      await back.close();
    } finally {
      process.env.YILUN_SMTP_URL = smtp.url;
    }
  });

  it('two workers at once send every message exactly once', async () => {
    for (let i = 0; i < 40; i++)
      await prisma.$transaction((tx) => queueMail(tx, { userId: null, to: `n${i}@example.com`, kind: 'test', subject: `#${i}`, text: 'x', html: 'x' }));
    const other = createPrisma(url, 2);
    try {
      const drain = async (db: typeof prisma) => {
        let n = 0;
        for (let s = await deliverDue(db); s > 0; s = await deliverDue(db)) n += s;
        return n;
      };
      const [x, y] = await Promise.all([drain(prisma), drain(other)]);
      expect(x + y).toBe(40);
    } finally {
      await other.$disconnect();
    }
    const got = await smtp.waitFor(40);
    expect(new Set(got.map((m) => m.subject)).size).toBe(40);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(40);
  });

  it('a refused address is not retried, and nothing more goes to it until it is verified again', async () => {
    const [m] = await createMembers(sql, 'bounce', 1);
    await verified(m, 'gone@example.com');
    smtp.refuse.add('gone@example.com');
    await requestPasswordReset(prisma, { who: m.username }, ctx);
    expect(await deliverDue(prisma)).toBe(0);
    expect(await outbox()).toMatchObject([{ status: 'failed', attempts: 1 }]);
    expect(await emailState(prisma, m.id)).toMatchObject({ email: 'gone@example.com', bounced: true, pending: null });
    await requestPasswordReset(prisma, { who: m.username }, ctx);
    expect((await outbox()).length).toBe(1);
  });

  it('without SMTP, each message is an .eml file under YILUN_MAIL_DIR', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-mail-'));
    delete process.env.YILUN_SMTP_URL;
    process.env.YILUN_MAIL_DIR = dir;
    try {
      const [m] = await createMembers(sql, 'eml', 1);
      await verified(m, 'eml@example.com');
      await requestPasswordReset(prisma, { who: m.username }, { ...ctx, locale: 'en' });
      expect(await deliverDue(prisma)).toBe(1);
      const files = fs.readdirSync(dir);
      expect(files).toEqual([expect.stringMatching(/-reset\.eml$/)]);
      const mail = await simpleParser(fs.readFileSync(path.join(dir, files[0])));
      expect(mail.subject).toBe('Reset your Yilun password');
      const token = linkIn(mail, '/reset-password').searchParams.get('token')!;
      expect(await resetTarget(prisma, token)).toEqual({ username: m.username });
    } finally {
      delete process.env.YILUN_MAIL_DIR;
      process.env.YILUN_SMTP_URL = smtp.url;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('notifications by mail', () => {
  const now = { unreadFor: '0 seconds', origin: 'http://forum.test' };
  let slug: string;
  beforeAll(async () => {
    ({ slug } = await generateThread(sql, { slug: 'mail-notify', topLevel: 1 }));
  });
  /** A comment by `author`, and a reply to it by `by`: the author's reply notification. */
  const replyTo = async (author: M, by: M) => {
    const mine = await createComment(prisma, author, { slug, body: `${author.username} 的评论` });
    const reply = await createComment(prisma, by, { slug, body: `回复 ${author.username}`, parentId: String(mine.id) });
    return { mine: mine.id, reply: reply.id };
  };

  it('each: one mail per unread notification, with its link and one-click unsubscribe (RFC 8058); never twice; not once read, not for a comment since hidden', async () => {
    const [a, b] = await createMembers(sql, 'each', 2);
    const [mod] = await createMembers(sql, 'eachmod', 1, { role: 'moderator' });
    await verified(a, 'each@example.com');
    await setMailMode(prisma, a, 'each');
    const { reply } = await replyTo(a, b);
    // Not before it has been unread a while.
    expect(await mailNotifications(prisma, { ...now, unreadFor: '10 minutes' })).toBe(0);
    expect(await mailNotifications(prisma, now)).toBe(1);
    expect(await mailNotifications(prisma, now)).toBe(0);
    await sendAll();
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe(`测试${b.username} 回复了你的评论`);
    expect(linkIn(mail, `/articles/${slug}/comments/${reply}`).hash).toBe(`#c${reply}`);
    const line = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const token = new URL(line('list-unsubscribe')!.replace(/^<|>$/g, '')).searchParams.get('token');
    expect(unsubscribeMember(token)).toBe(a.id);
    // Read in the app: no mail. Hidden since: no mail.
    await replyTo(a, b);
    await markNotificationsRead(prisma, a);
    expect(await mailNotifications(prisma, now)).toBe(0);
    const hidden = await replyTo(a, b);
    await moderateComment(prisma, mod, hidden.reply, 'hide', '测试');
    expect(await mailNotifications(prisma, now)).toBe(0);
    // The one-click unsubscribe turns it off; a token for another member made from this one does not work.
    expect(await unsubscribe(prisma, `${b.id}.${token!.split('.')[1]}`)).toBe(false);
    expect(await unsubscribe(prisma, token)).toBe(true);
    expect(await emailState(prisma, a.id)).toMatchObject({ mode: 'off' });
    await replyTo(a, b);
    expect(await mailNotifications(prisma, now)).toBe(0);
  });

  it('digest (the default): one mail a day with everything unread, in the member\'s language', async () => {
    const [c, d] = await createMembers(sql, 'digest', 2);
    await verified(c, 'digest@example.com');
    await sql.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [c.id]);
    await replyTo(c, d);
    await replyTo(c, d);
    expect(await mailNotifications(prisma, now)).toBe(1);
    await sendAll();
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe('Yilun: 2 unread notifications');
    expect(mail.text?.match(/replied to your comment/g)?.length).toBe(2);
    // The next waits a day.
    await replyTo(c, d);
    expect(await mailNotifications(prisma, now)).toBe(0);
    await sql.query(`UPDATE users SET digest_sent_at = now() - interval '1 day' WHERE id = $1`, [c.id]);
    expect(await mailNotifications(prisma, now)).toBe(1);
  });

  it('no mail without a verified address, to a bounced one, or with mail off', async () => {
    const [e, f, g, h] = await createMembers(sql, 'nomail', 4);
    await sql.query(`UPDATE users SET email = 'unverified@example.com' WHERE id = $1`, [e.id]);
    await verified(f, 'bounced@example.com');
    await sql.query(`UPDATE users SET email_bounced_at = now() WHERE id = $1`, [f.id]);
    await verified(g, 'off@example.com');
    await setMailMode(prisma, g, 'off');
    expect(await refusal(setMailMode(prisma, g, 'sometimes'))).toMatchObject({ fields: { mode: 'mail_mode' } });
    for (const m of [e, f, g]) await replyTo(m, h);
    expect(await mailNotifications(prisma, now)).toBe(0);
  });
});

describe('a verified address to post (a site setting)', () => {
  it('when an admin turns it on, members without a verified address are refused; staff and verified members post', async () => {
    const { slug } = await generateThread(sql, { slug: 'mail-require', topLevel: 0 });
    const [plain, sure] = await createMembers(sql, 'require', 2);
    const [mod] = await createMembers(sql, 'requiremod', 1, { role: 'moderator' });
    const [admin] = await createMembers(sql, 'requireadmin', 1, { role: 'admin' });
    await verified(sure, 'sure@example.com');
    expect(await refusal(saveRequireVerifiedEmail(prisma, mod, true))).toMatchObject({ status: 403 });
    await saveRequireVerifiedEmail(prisma, admin, true);
    try {
      const before = (await sql.query('SELECT count(*)::int AS n FROM comments')).rows[0].n;
      expect(await refusal(createComment(prisma, plain, { slug, body: '没有邮箱' }))).toMatchObject({ status: 403, code: 'email_required' });
      expect((await sql.query('SELECT count(*)::int AS n FROM comments')).rows[0].n).toBe(before);
      await createComment(prisma, sure, { slug, body: '验证过邮箱' });
      await createComment(prisma, mod, { slug, body: '版主' });
    } finally {
      await saveRequireVerifiedEmail(prisma, admin, false);
    }
    await createComment(prisma, plain, { slug, body: '关掉之后' });
  });
});
