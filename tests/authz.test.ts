// The authorization table: every operation a server action or the API performs, asked by
// each kind of reader: anonymous, member, the comment's author, suspended, banned, moderator
// and admin. Each server action (app/actions/*) calls exactly one of these after reading the
// session, so the table is the policy the pages and the API both enforce. A refusal stores
// nothing: the moderation log is checked to be unchanged for each one.
import { beforeAll, describe, expect, it } from 'vitest';
import { createComment } from '../lib/comments/create-comment.ts';
import { setLike } from '../lib/likes/set-like.ts';
import { deleteComment, editComment } from '../lib/comments/own-comment.ts';
import { saveEditWindow } from '../lib/comments/edit-window.ts';
import { changeDisplayName, changePassword, deleteAccount, exportAccount } from '../lib/users/account.ts';
import { createArticle, setPublishers, updateArticle } from '../lib/articles/publish.ts';
import { getWordLists, putWordLists, setRole } from '../lib/moderation/admin.ts';
import { listMembers, listThreads } from '../lib/moderation/directory.ts';
import { listLog } from '../lib/moderation/list-log.ts';
import { moderateArticle } from '../lib/moderation/moderate-article.ts';
import { moderateComment } from '../lib/moderation/moderate-comment.ts';
import { moderateMember } from '../lib/moderation/moderate-member.ts';
import { listQueue } from '../lib/moderation/queue.ts';
import { reportComment } from '../lib/moderation/report-comment.ts';
import { saveAutoPremodSettings } from '../lib/moderation/settings.ts';
import { listNotifications, markNotificationsRead } from '../lib/notifications/notifications.ts';
import { changeEmail, removeEmail } from '../lib/users/email.ts';
import { adminResetLink } from '../lib/users/password-reset.ts';
import { setMailMode } from '../lib/mail/notification-mail.ts';
import { disconnectIdentity } from '../lib/auth/identities.ts';
import { saveRequireVerifiedEmail } from '../lib/users/address-policy.ts';
import { searchForStaff } from '../lib/search/search.ts';
import { bindArticle, createSite, listSites, rotateSsoSecret, updateSite } from '../lib/embed/sites.ts';
import type { Actor } from '../lib/policy.ts';
import { DomainError } from '../lib/errors.ts';
import { freshDatabase } from './support/db.ts';
import { generateThread } from './support/generate-thread.ts';
import { createMembers } from './support/members.ts';

const { prisma, sql } = await freshDatabase();
type Who = 'anonymous' | 'member' | 'author' | 'suspended' | 'banned' | 'moderator' | 'admin';
const WHO: Who[] = ['anonymous', 'member', 'author', 'suspended', 'banned', 'moderator', 'admin'];
const people = {} as Record<Who, (Actor & { username: string }) | null>;
let slug = '';
let articleId = 0;
let target: Actor & { username: string };
let siteId = '';
const siteInput = { name: '表里的站点', origins: 'https://table.example', keepParams: '', jwksUrl: '', defaultLocale: 'zh-CN' };

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  ({ slug, articleId } = await generateThread(sql, { slug: 'authz-table', topLevel: 0 }));
  people.anonymous = null;
  [people.member] = await createMembers(sql, 'az_member', 1);
  [people.author] = await createMembers(sql, 'az_author', 1);
  [people.suspended] = await createMembers(sql, 'az_susp', 1, { status: 'suspended', suspendedUntil: new Date(Date.now() + 86_400_000) });
  [people.banned] = await createMembers(sql, 'az_banned', 1, { status: 'banned' });
  [people.moderator] = await createMembers(sql, 'az_mod', 1, { role: 'moderator' });
  [people.admin] = await createMembers(sql, 'az_admin', 1, { role: 'admin' });
  [target] = await createMembers(sql, 'az_target', 1);
  siteId = (await createSite(prisma, people.admin, siteInput)).id;
});

/** A fresh comment of the author's, with an open report, in a given status. */
async function freshComment(status = 'visible') {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO comments (article_id, author_id, body, status, moderated_at) VALUES ($1, $2, '表里的评论', $3, now()) RETURNING id`,
    [articleId, people.author!.id, status],
  );
  await sql.query(`INSERT INTO reports (comment_id, reporter_id, reason) VALUES ($1, $2, 'spam')`, [rows[0].id, target.id]);
  return rows[0].id;
}

const OK = 'ok';
// What each kind of reader gets: OK, or the refusal's status.
const staffOnly = { anonymous: 401, member: 403, author: 403, suspended: 403, banned: 401, moderator: OK, admin: OK } as const;
const adminOnly = { ...staffOnly, moderator: 403 } as const;
const takingPart = { anonymous: 401, member: OK, author: OK, suspended: 403, banned: 401, moderator: OK, admin: OK } as const;
const withPassword = { anonymous: 401, member: 422, author: 422, suspended: 422, banned: 401, moderator: 422, admin: 422 } as const;
const authorOnly = { anonymous: 401, member: 403, author: OK, suspended: 403, banned: 401, moderator: 403, admin: 403 } as const;
const ownThings = { anonymous: 401, member: OK, author: OK, suspended: OK, banned: 401, moderator: OK, admin: OK } as const;

const TABLE: [string, (a: Actor | null, who: Who) => Promise<unknown>, Record<Who, typeof OK | number>][] = [
  // postCommentAction, POST /api/v1/articles/{slug}/comments
  ['post a comment', (a) => createComment(prisma, a, { slug, body: '表里的新评论' }), takingPart],
  ['post a reply', async (a) => createComment(prisma, a, { slug, body: '表里的回复', parentId: await freshComment() }), takingPart],
  // likeAction, PUT/DELETE /api/v1/comments/{id}/like
  ['like', async (a) => setLike(prisma, a, await freshComment(), true), takingPart],
  ['unlike', async (a) => setLike(prisma, a, await freshComment(), false), takingPart],
  // reportAction, POST /api/v1/comments/{id}/reports (the author cannot report their own)
  ['report', async (a) => reportComment(prisma, a, await freshComment(), { reason: 'abuse' }), { ...takingPart, author: 403 }],
  // queueAction, threadModerationAction and searchModerationAction, POST /api/v1/mod/comments/{id}
  ['dismiss reports', async (a) => moderateComment(prisma, a, await freshComment(), 'dismiss'), staffOnly],
  ['publish a held comment', async (a) => moderateComment(prisma, a, await freshComment('held'), 'publish'), staffOnly],
  ['hide', async (a) => moderateComment(prisma, a, await freshComment(), 'hide', '表'), staffOnly],
  ['remove', async (a) => moderateComment(prisma, a, await freshComment(), 'remove', '表'), staffOnly],
  ['restore a hidden comment', async (a) => moderateComment(prisma, a, await freshComment('hidden'), 'restore'), staffOnly],
  ['restore a removed comment', async (a) => moderateComment(prisma, a, await freshComment('removed'), 'restore'), staffOnly],
  // memberAction, POST /api/v1/mod/users/{username}
  ['suspend a member', (a) => moderateMember(prisma, a, target.username, { action: 'suspend', until: new Date(Date.now() + 3_600_000).toISOString() }), staffOnly],
  ['lift a suspension', (a) => moderateMember(prisma, a, target.username, { action: 'lift' }), staffOnly],
  // articleAction, POST /api/v1/mod/articles/{slug}
  ['lock a thread', (a) => moderateArticle(prisma, a, slug, 'lock', '表'), staffOnly],
  ['unlock a thread', (a) => moderateArticle(prisma, a, slug, 'unlock'), staffOnly],
  ['pre-moderation on', (a) => moderateArticle(prisma, a, slug, 'premod-on'), staffOnly],
  ['pre-moderation off', (a) => moderateArticle(prisma, a, slug, 'premod-off'), staffOnly],
  // The staff pages' reads, GET /api/v1/mod/queue and /api/v1/mod/log
  ['read the queue', (a) => listQueue(prisma, a, 'reported'), staffOnly],
  ['read one member\'s comments', (a) => listQueue(prisma, a, 'member', null, { username: people.author!.username }), staffOnly],
  ['read the log', (a) => listLog(prisma, a, {}), staffOnly],
  // /mod/search, GET /api/v1/mod/search
  ['search every comment', (a) => searchForStaff(prisma, a, { q: '表' }), staffOnly],
  ['list members', (a) => listMembers(prisma, a, {}), staffOnly],
  ['list threads', (a) => listThreads(prisma, a, {}), staffOnly],
  // wordsAction, GET/PUT /api/v1/mod/words
  ['read the word lists', (a) => getWordLists(prisma, a), adminOnly],
  ['save the word lists', (a) => putWordLists(prisma, a, { banned: [], suspect: [] }), adminOnly],
  // roleAction, PUT /api/v1/mod/roles/{username}
  ['grant the moderator role', (a) => setRole(prisma, a, target.username, 'member'), adminOnly],
  // settingsAction
  ['save the pre-moderation thresholds', (a) => saveAutoPremodSettings(prisma, a, { postsPerMinute: 30, reportsPerMinute: 5, minutes: 60 }), adminOnly],
  // editCommentAction, PATCH /api/v1/comments/{id}; deleteCommentAction, DELETE /api/v1/comments/{id}
  // (a comment is its author's alone: staff act on it through moderation, not by editing it)
  ['edit one\'s own comment', async (a) => editComment(prisma, a, await freshComment(), { body: '改过的' }), authorOnly],
  ['delete one\'s own comment', async (a) => deleteComment(prisma, a, await freshComment()), authorOnly],
  // editWindowAction
  ['set the edit window', (a) => saveEditWindow(prisma, a, { minutes: 15 }), adminOnly],
  // displayNameAction; passwordAction and deleteAccountAction refuse a wrong password (422)
  // for everyone signed in: the password itself is the member's proof.
  ['change one\'s display name', (a) => changeDisplayName(prisma, a, { displayName: `表里的名字${a?.id ?? ''}` }), ownThings],
  ['change one\'s password (wrong current password)', (a) => changePassword(prisma, a, { currentPassword: 'not the password', newPassword: 'a brand new passphrase 7' }), withPassword],
  ['delete one\'s account (wrong password)', (a) => deleteAccount(prisma, a, { password: 'not the password' }), withPassword],
  // GET /api/v1/me/export
  ['export one\'s data', (a) => exportAccount(prisma, a), ownThings],
  // publishArticleAction, editArticleAction, articleVisibilityAction; POST /api/v1/mod/articles, PATCH …/{slug}
  ['publish an article', (a) => createArticle(prisma, a, { title: '表里的文章', source: '表', body: '正文' }), staffOnly],
  ['edit an article', (a) => updateArticle(prisma, a, slug, { title: '表里的话题' }), staffOnly],
  ['take an article down and back', async (a) => {
    await updateArticle(prisma, a, slug, { published: false });
    await updateArticle(prisma, a, slug, { published: true });
  }, staffOnly],
  // publishersAction
  ['choose who may publish', (a) => setPublishers(prisma, a, 'staff'), adminOnly],
  // emailAction (a wrong current password: 422 for everyone signed in), removeEmailAction
  ['change one\'s address (wrong current password)', (a) => changeEmail(prisma, a, { email: 'table@example.com', currentPassword: 'not the password' }, { locale: 'zh-CN', origin: 'http://t' }), withPassword],
  ['remove one\'s address', (a) => removeEmail(prisma, a), ownThings],
  // mailModeAction
  ['choose notification mail', (a) => setMailMode(prisma, a, 'each'), ownThings],
  // requireEmailAction
  ['require a verified address to post', (a) => saveRequireVerifiedEmail(prisma, a, false), adminOnly],
  // disconnectIdentityAction (nothing connected: a 404 for everyone signed in); connectIdentityAction
  // only sets the member's own intent after currentMember() and goes to the provider (e2e/oidc.spec.ts)
  ['disconnect an identity', (a) => disconnectIdentity(prisma, a, 'oidc'), { anonymous: 401, member: 404, author: 404, suspended: 404, banned: 401, moderator: 404, admin: 404 }],
  // createSiteAction, updateSiteAction, rotateSiteSecretAction, bindArticleAction (/mod/sites)
  ['list the sites', (a) => listSites(prisma, a), adminOnly],
  ['register a site', (a) => createSite(prisma, a, siteInput), adminOnly],
  ['change a site', (a) => updateSite(prisma, a, siteId, siteInput), adminOnly],
  ['make a new SSO secret', (a) => rotateSsoSecret(prisma, a, siteId), adminOnly],
  ['bind an article to a page', (a) => bindArticle(prisma, a, siteId, slug, 'https://table.example/page'), adminOnly],
  // resetLinkAction
  ['make a password reset link', (a) => adminResetLink(prisma, a, target.username, 'http://t'), adminOnly],
  // NotificationsPage, markAllReadAction, GET /api/v1/notifications, POST …/read
  ['read one\'s notifications', (a) => listNotifications(prisma, a), ownThings],
  ['mark them read', (a) => markNotificationsRead(prisma, a), ownThings],
];

const logCount = async () => (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM moderation_actions')).rows[0].n;

describe('the authorization table', () => {
  for (const [name, run, expected] of TABLE) {
    it(name, async () => {
      const got: Record<string, string | number> = {};
      for (const who of WHO) {
        const before = await logCount();
        try {
          await run(people[who], who);
          got[who] = OK;
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          got[who] = err.status;
          // A refusal changes nothing, and logs nothing.
          expect(await logCount(), `${name} as ${who}`).toBe(before);
        }
      }
      expect(got).toEqual(expected);
    });
  }

  it('covers every server action', async () => {
    const fs = await import('node:fs');
    const actions = fs
      .readdirSync('app/actions')
      .flatMap((f) => [...fs.readFileSync(`app/actions/${f}`, 'utf8').matchAll(/^export async function (\w+)/gm)].map((m) => m[1]));
    // Actions that need no permission: signing in, up and out, the language, and what a link
    // sent by mail allows (its token is the permission: tests/mail.test.ts).
    const open = ['signInAction', 'signUpAction', 'signOutAction', 'signOutEverywhereAction', 'setLocale', 'forgotPasswordAction', 'resetPasswordAction', 'verifyEmailAction', 'unsubscribeAction', 'providerSignInAction'];
    const covered = ['postCommentAction', 'likeAction', 'likeFormAction', 'reportAction', 'queueAction', 'threadModerationAction', 'memberAction', 'articleAction', 'wordsAction', 'roleAction', 'settingsAction', 'markAllReadAction', 'editCommentAction', 'deleteCommentAction', 'editWindowAction', 'displayNameAction', 'passwordAction', 'deleteAccountAction', 'publishArticleAction', 'editArticleAction', 'articleVisibilityAction', 'publishersAction', 'emailAction', 'removeEmailAction', 'resetLinkAction', 'mailModeAction', 'requireEmailAction', 'connectIdentityAction', 'disconnectIdentityAction', 'createSiteAction', 'updateSiteAction', 'rotateSiteSecretAction', 'bindArticleAction', 'searchModerationAction'];
    expect(actions.filter((a) => !open.includes(a) && !covered.includes(a))).toEqual([]);
  });
});
