import { beforeAll, describe, expect, it } from 'vitest';
import { createComment } from '../lib/comments/create-comment.ts';
import { setLike } from '../lib/likes/set-like.ts';
import { foldLikeCounts } from '../lib/likes/like-counts.ts';
import { personalThread } from '../lib/threads/personal.ts';
import { createUser } from '../lib/users/create-user.ts';
import { changeDisplayName } from '../lib/users/account.ts';
import { RATE_LIMITS } from '../lib/rate-limit.ts';
import { verifyCredentials } from '../lib/auth/verify-credentials.ts';
import { createPrisma } from '../lib/db/client.ts';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';
import { awaitFreshWindow } from './support/rate-window.ts';
import { generateThread } from './support/generate-thread.ts';
import { createMembers, MEMBER_PASSWORD } from './support/members.ts';

const { prisma, sql, url } = await freshDatabase();
let slug: string;
let articleId: number;

beforeAll(async () => {
  ({ slug, articleId } = await generateThread(sql, { slug: 'members', topLevel: 3 }));
});


/** A comment's count as readers get it (its likes folded in: lib/likes/like-counts.ts), and what its rows say it is. */
async function counters(id: number) {
  await foldLikeCounts(prisma);
  expect(await prisma.likeDelta.count({ where: { commentId: id, folded: false } })).toBe(0);
  const c = await prisma.comment.findUniqueOrThrow({ where: { id } });
  const rows = await prisma.like.count({ where: { commentId: id } });
  return { likeCount: c.likeCount, expected: c.baseLikeCount + rows, rows };
}

describe('signing up', () => {
  it('creates a member with an argon2id hash; names are unique regardless of case', async () => {
    const user = await createUser(prisma, { username: 'Zhang_San', password: 'a fine long password' }, { address: 't1' });
    expect(user).toMatchObject({ username: 'Zhang_San', displayName: 'Zhang_San' });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await refusal(createUser(prisma, { username: 'zhang_san', password: 'another fine password' }, { address: 't1' }))).fields).toEqual({ username: 'username_taken' });
  });

  it.each([
    [{ username: 'ab', password: 'long enough pw' }, { username: 'username_length' }],
    [{ username: 'a'.repeat(33), password: 'long enough pw' }, { username: 'username_length' }],
    [{ username: 'bad name', password: 'long enough pw' }, { username: 'username_chars' }],
    [{ username: 'ok_name', password: 'short' }, { password: 'password_short' }],
    [{ username: 'ok_name', password: 'x'.repeat(129) }, { password: 'password_long' }],
    [{ username: 'ok_name', password: 'password1234' }, { password: 'password_common' }],
    [{ username: 'ok_name', password: 'iloveyou12' }, { password: 'password_common' }],
    [{ username: 'ok_name', password: 'aaaaaaaa' }, { password: 'password_weak_repeat' }],
    [{ username: 'ok_name', password: '        ' }, { password: 'password_weak_repeat' }],
    [{ username: 'ok_name', password: 'abcdefgh' }, { password: 'password_weak_sequence' }],
    [{ username: 'ok_name', password: 'qwertyuiop' }, { password: 'password_common' }],
    [{ username: 'root_admin', password: 'root_admin' }, { password: 'password_weak_name' }],
    [{ username: 'zhangsan', password: 'zhangsan2026' }, { password: 'password_weak_name' }],
    [{ username: 'ok_name', password: 'long enough pw', displayName: 'x'.repeat(33) }, { displayName: 'display_name_length' }],
  ])('refuses %j with a reason and stores nothing', async (input, fields) => {
    const before = await prisma.user.count();
    const err = await refusal(createUser(prisma, input, { address: 't2' }));
    expect(err.status).toBe(422);
    expect(err.fields).toEqual(fields);
    expect(await prisma.user.count()).toBe(before);
  });

  it('welcomes Chinese names and display names', async () => {
    const user = await createUser(prisma, { username: '李四_2026', password: 'a fine long password', displayName: '李四 🐼' }, { address: 't3' });
    expect(user).toMatchObject({ username: '李四_2026', displayName: '李四 🐼' });
  });
});

describe('signing in', () => {
  it('gives the same answer for an unknown user, a wrong password and a member without a password', async () => {
    const [m] = await createMembers(sql, 'signin', 1);
    expect(await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'a1')).toMatchObject({ id: m.id });
    expect(await verifyCredentials(prisma, { username: m.username.toUpperCase(), password: MEMBER_PASSWORD }, 'a1')).toMatchObject({ id: m.id });
    expect(await verifyCredentials(prisma, { username: m.username, password: 'wrong password!' }, 'a1')).toBeNull();
    expect(await verifyCredentials(prisma, { username: 'nobody_here', password: MEMBER_PASSWORD }, 'a1')).toBeNull();
    const imported = await prisma.user.create({ data: { username: 'imported_1', usernameKey: 'imported_1', displayName: '导入', passwordHash: null } });
    expect(await verifyCredentials(prisma, { username: imported.username, password: '' }, 'a1')).toBeNull();
    expect(await verifyCredentials(prisma, { username: imported.username, password: 'anything at all' }, 'a1')).toBeNull();
  });

  it('an account failing from many addresses slows down (a pause that grows), it does not lock', async () => {
    const [m] = await createMembers(sql, 'limited', 1);
    for (let i = 0; i < 10; i++) await verifyCredentials(prisma, { username: m.username, password: 'wrong password!' }, `addr${i}`);
    const err = await refusal(verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'owner-address'));
    expect(err.status).toBe(429);
    const wait = Number(err.headers?.['Retry-After']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(2);
    expect(err.params).toEqual({ seconds: wait });
    // The owner, after the pause the answer named, signs in.
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    expect(await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'owner-address')).toMatchObject({ id: m.id });
  });

  it('one address failing on one account meets a wall, and the answer says how long it really lasts', async () => {
    const [m] = await createMembers(sql, 'walled', 1);
    for (let i = 0; i < 10; i++) {
      await verifyCredentials(prisma, { username: m.username, password: 'wrong password!' }, 'attacker');
      // The account's own pause is not what this test is about: let it pass.
      await prisma.rateLimitBucket.deleteMany({ where: { key: `signInAccount:${m.username.toLowerCase()}` } });
    }
    const err = await refusal(verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'attacker'));
    expect(err.status).toBe(429);
    expect(Number(err.headers?.['Retry-After'])).toBeGreaterThan(14 * 60);
    // The owner, elsewhere, is not behind the attacker's wall.
    expect(await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'owner-address')).toMatchObject({ id: m.id });
  });

  it('a banned member is told so, but only with the right password', async () => {
    const [m] = await createMembers(sql, 'banned_si', 1, { status: 'banned' });
    expect(await verifyCredentials(prisma, { username: m.username, password: 'wrong password!' }, 'b1')).toBeNull();
    const err = await refusal(verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'b1'));
    expect([err.status, err.code]).toEqual([403, 'banned_sign_in']);
  });

  it('fifty guesses sent at once: only as many reach argon2 as the limits allow, the rest are refused before', async () => {
    const [m] = await createMembers(sql, 'raced', 1);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => verifyCredentials(prisma, { username: m.username, password: 'wrong password!' }, 'racer')),
    );
    // Each attempt that was not refused ran exactly one argon2 verification and failed (null).
    const verified = results.filter((r) => r.status === 'fulfilled' && r.value === null).length;
    const refused = results.filter((r) => r.status === 'rejected' && (r.reason as { status?: number }).status === 429).length;
    expect([verified, refused]).toEqual([RATE_LIMITS.signInPair.limit, 50 - RATE_LIMITS.signInPair.limit]);
  });

  it('the owner keeps a way in from a browser that signed in before (its device cookie), while an attacker elsewhere has paused the account', async () => {
    const [m] = await createMembers(sql, 'device', 1);
    const first = await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, '198.51.100.1');
    expect(first).toMatchObject({ id: m.id });
    // Fourteen failures from addresses all over 198.51.0.0/16.
    for (let i = 0; i < 14; i++) await verifyCredentials(prisma, { username: m.username, password: 'wrong password!' }, `198.51.${i}.${i + 7}`).catch(() => null);
    // …and kept going: the account's pause is at its longest (a minute), so that it holds
    // through this test however slow argon2 is here.
    await sql.query(`UPDATE rate_limit_buckets SET count = 20, expires_at = now() + interval '15 minutes' WHERE key = $1`, [`signInAccount:${m.username.toLowerCase()}`]);
    // Without the cookie the owner meets the account's pause…
    expect((await refusal(verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, '198.51.100.1'))).status).toBe(429);
    // …with it, their browser signs in, and gets a new cookie.
    const again = await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, '198.51.100.1', first!.deviceCookie);
    expect(again).toMatchObject({ id: m.id });
    expect(again!.deviceCookie).not.toBe(first!.deviceCookie);
    // Another account's cookie, or a forged one, exempts nothing.
    const [other] = await createMembers(sql, 'device_other', 1);
    const theirs = (await verifyCredentials(prisma, { username: other.username, password: MEMBER_PASSWORD }, '203.0.113.5'))!.deviceCookie;
    for (const cookie of [theirs, `${first!.deviceCookie.slice(0, -2)}xx`, 'nonsense']) {
      expect((await refusal(verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, '198.51.100.1', cookie))).status).toBe(429);
    }
    // The device's own wall: ten failures from it, and it waits too.
    for (let i = 0; i < 10; i++) await verifyCredentials(prisma, { username: m.username, password: 'wrong password!' }, `203.0.113.${i + 20}`, again!.deviceCookie);
    expect((await refusal(verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, '203.0.113.99', again!.deviceCookie))).status).toBe(429);
  });

  it('successful sign-ins never count against any limit', async () => {
    const [m] = await createMembers(sql, 'regular', 1);
    for (let i = 0; i < 25; i++) {
      expect(await verifyCredentials(prisma, { username: m.username, password: MEMBER_PASSWORD }, 'home')).toMatchObject({ id: m.id });
    }
    expect(await prisma.rateLimitBucket.count({ where: { key: { contains: m.username.toLowerCase() } } })).toBe(0);
  });
});

describe('commenting', () => {
  it('stores the text exactly (line breaks, emoji, CJK radicals, RTL, zero-width) and moves the counters', async () => {
    const [m] = await createMembers(sql, 'writer', 1);
    const body = '第一行 ⺁ 😀\n\tמימין לשמאל\u200b <b>not html</b>';
    const before = await prisma.article.findUniqueOrThrow({ where: { id: articleId } });
    const c = await createComment(prisma, m, { slug, body: `  ${body.replace(/\n/g, '\r\n')}  ` });
    const row = await prisma.comment.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.body).toBe(body);
    const after = await prisma.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(after.commentCount).toBe(before.commentCount + 1);
    expect(after.lastActivityAt.getTime()).toBe(row.createdAt.getTime());
  });

  it.each([
    ['empty', '   \n ', 'body_empty'],
    ['too long', '字'.repeat(2001), 'body_too_long'],
    ['a control character', 'bell \u0007 here', 'body_control_chars'],
    ['a C1 control character', 'x \u0085 y', 'body_control_chars'],
  ])('refuses a body that is %s and stores nothing', async (_n, body, code) => {
    const [m] = await createMembers(sql, `bad${code.length}${body.length}`, 1);
    const before = await prisma.comment.count();
    const err = await refusal(createComment(prisma, m, { slug, body }));
    expect([err.status, err.fields]).toEqual([422, { body: code }]);
    expect(await prisma.comment.count()).toBe(before);
  });

  it('accepts exactly 2000 characters, counted as characters not UTF-16 units', async () => {
    const [m] = await createMembers(sql, 'exact', 1);
    const c = await createComment(prisma, m, { slug, body: '😀'.repeat(2000) });
    expect(c.created).toBe(true);
  });

  it('replies: depth, root, counters and a notification for the parent author', async () => {
    const [a, b, c] = await createMembers(sql, 'reply', 3);
    const top = await createComment(prisma, a, { slug, body: '顶层' });
    const r1 = await createComment(prisma, b, { slug, body: '回复一', parentId: top.id });
    const r2 = await createComment(prisma, c, { slug, body: '回复二', parentId: String(r1.id) });
    expect([r1.rootId, r2.rootId, r2.parentId]).toEqual([top.id, top.id, r1.id]);
    const rows = await prisma.comment.findMany({ where: { id: { in: [top.id, r1.id, r2.id] } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.depth, r.replyCount, r.threadReplyCount])).toEqual([[0, 1, 2], [1, 1, 0], [2, 0, 0]]);
    expect(await prisma.notification.count({ where: { userId: a.id, commentId: r1.id, type: 'reply' } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: b.id, commentId: r2.id } })).toBe(1);
  });

  it('refuses a parent from another article as not found', async () => {
    const [m] = await createMembers(sql, 'cross', 1);
    const other = await generateThread(sql, { slug: 'other-article', topLevel: 1 });
    const foreign = await prisma.comment.findFirstOrThrow({ where: { articleId: other.articleId } });
    const err = await refusal(createComment(prisma, m, { slug, body: 'hi', parentId: foreign.id }));
    expect([err.status, err.code]).toEqual([404, 'parent_not_found']);
  });

  it('refuses the anonymous, the suspended, the banned, and everyone on a locked thread', async () => {
    const [active] = await createMembers(sql, 'policy_a', 1);
    const [suspended] = await createMembers(sql, 'policy_s', 1, { status: 'suspended', suspendedUntil: new Date(Date.now() + 3600_000) });
    const [banned] = await createMembers(sql, 'policy_b', 1, { status: 'banned' });
    expect((await refusal(createComment(prisma, null, { slug, body: 'x' }))).status).toBe(401);
    expect((await refusal(createComment(prisma, suspended, { slug, body: 'x' }))).code).toBe('suspended');
    // A ban ends the member's sessions: to the server a banned member is signed out.
    expect([(await refusal(createComment(prisma, banned, { slug, body: 'x' }))).status, (await refusal(createComment(prisma, banned, { slug, body: 'x' }))).code]).toEqual([401, 'unauthenticated']);
    const locked = await generateThread(sql, { slug: 'locked-thread', topLevel: 1 });
    await prisma.article.update({ where: { id: locked.articleId }, data: { locked: true } });
    expect((await refusal(createComment(prisma, active, { slug: 'locked-thread', body: 'x' }))).code).toBe('locked');
    const c = await prisma.comment.findFirstOrThrow({ where: { articleId: locked.articleId } });
    expect((await refusal(setLike(prisma, active, c.id, true))).code).toBe('locked');
  });

  it('limits posting: one comment per 10 seconds per member', async () => {
    const [m] = await createMembers(sql, 'burst', 1);
    await awaitFreshWindow(10, 3);
    await createComment(prisma, m, { slug, body: 'one' });
    const err = await refusal(createComment(prisma, m, { slug, body: 'two' }));
    expect(err.status).toBe(429);
    expect(Number(err.headers!['Retry-After'])).toBeGreaterThan(0);
    expect(Number(err.headers!['Retry-After'])).toBeLessThanOrEqual(10);
  });

  it('the same post with one idempotency key 20 times at once makes one comment', async () => {
    const [m] = await createMembers(sql, 'idem', 1);
    const racers = createPrisma(url, 20);
    const before = await prisma.comment.count({ where: { authorId: m.id } });
    const results = await Promise.all(Array.from({ length: 20 }, () => createComment(racers, m, { slug, body: '只发一次', idempotencyKey: 'key-1' })));
    await racers.$disconnect();
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await prisma.comment.count({ where: { authorId: m.id } })).toBe(before + 1);
  });
});

describe('liking', () => {
  it('is idempotent both ways and keeps likeCount = base + rows', async () => {
    const [m] = await createMembers(sql, 'liker', 1);
    const c = await prisma.comment.findFirstOrThrow({ where: { articleId, depth: 0 } });
    await prisma.comment.update({ where: { id: c.id }, data: { baseLikeCount: { increment: 7 }, likeCount: { increment: 7 } } });
    const base = (await counters(c.id)).likeCount;
    expect(await setLike(prisma, m, c.id, true)).toEqual({ liked: true, likeCount: base + 1 });
    expect(await setLike(prisma, m, c.id, true)).toEqual({ liked: true, likeCount: base + 1 });
    expect(await setLike(prisma, m, c.id, false)).toEqual({ liked: false, likeCount: base });
    expect(await setLike(prisma, m, c.id, false)).toEqual({ liked: false, likeCount: base });
    const k = await counters(c.id);
    expect(k.likeCount).toBe(k.expected);
  });

  it('300 concurrent likes from 150 members, then 300 mixed, never drift', async () => {
    const members = await createMembers(sql, 'crowd', 150);
    const c = await prisma.comment.findFirstOrThrow({ where: { articleId, depth: 0 }, orderBy: { id: 'desc' } });
    const racers = createPrisma(url, 20);
    await Promise.all(members.flatMap((m) => [setLike(racers, m, c.id, true), setLike(racers, m, c.id, true)]));
    let k = await counters(c.id);
    expect(k.rows).toBe(150);
    expect(k.likeCount).toBe(k.expected);
    await Promise.all(members.flatMap((m, i) => [setLike(racers, m, c.id, i % 2 === 0), setLike(racers, m, c.id, i % 3 === 0)]));
    await racers.$disconnect();
    k = await counters(c.id);
    expect(k.likeCount).toBe(k.expected);
  });

  it('counts a like for the liker at once, and for readers once folded in; an unlike likewise', async () => {
    const [a, b] = await createMembers(sql, 'folder', 2);
    const c = await prisma.comment.findFirstOrThrow({ where: { articleId, depth: 0 }, orderBy: { id: 'asc' } });
    const before = (await counters(c.id)).likeCount;
    expect(await setLike(prisma, a, c.id, true)).toEqual({ liked: true, likeCount: before + 1 });
    expect(await setLike(prisma, b, c.id, true)).toEqual({ liked: true, likeCount: before + 2 });
    // Again: nothing changes, and the answer still counts both.
    expect(await setLike(prisma, b, c.id, true)).toEqual({ liked: true, likeCount: before + 2 });
    // What a reload shows the liker before the fold: their comment's exact count.
    expect((await personalThread(prisma, a, slug)).counts).toEqual({ [c.id]: before + 2 });
    expect(await setLike(prisma, a, c.id, false)).toEqual({ liked: false, likeCount: before + 1 });
    expect((await personalThread(prisma, a, slug)).counts).toEqual({ [c.id]: before + 1 });
    expect((await counters(c.id)).likeCount).toBe(before + 1);
    // Folded in, the count still comes with the liker's part of the thread for a few minutes:
    // the shared page they reload may have been rendered before the fold.
    expect((await personalThread(prisma, a, slug)).counts).toEqual({ [c.id]: before + 1 });
    expect(await setLike(prisma, b, c.id, false)).toEqual({ liked: false, likeCount: before });
    expect((await personalThread(prisma, a, slug)).counts).toEqual({ [c.id]: before });
    await foldLikeCounts(prisma);
    expect((await personalThread(prisma, a, slug)).counts).toEqual({ [c.id]: before });
    await sql.query(`UPDATE like_deltas SET created_at = now() - interval '6 minutes' WHERE comment_id = $1`, [c.id]);
    expect((await personalThread(prisma, a, slug)).counts).toBeUndefined();
  });

  it('refuses an unknown comment and a comment readers cannot see', async () => {
    const [m] = await createMembers(sql, 'ghost', 1);
    expect((await refusal(setLike(prisma, m, 99_999_999, true))).status).toBe(404);
    const c = await prisma.comment.findFirstOrThrow({ where: { articleId } });
    await prisma.comment.update({ where: { id: c.id }, data: { status: 'held' } });
    expect((await refusal(setLike(prisma, m, c.id, true))).status).toBe(404);
    await prisma.comment.update({ where: { id: c.id }, data: { status: 'visible' } });
  });
});

describe('names and text that hide (issue 19)', () => {
  it('a display name must show something, pass the word lists, and not look like another member’s username', async () => {
    const [someone] = await createMembers(sql, 'spadmin', 1);
    for (const [displayName, code] of [
      ['ㅤㅤㅤ', 'display_name_invisible'],
      ['⠀ᅟ', 'display_name_invisible'],
      ['\u200b\u200b', 'display_name_length'], // format characters are dropped first: nothing is left
      [someone.username.toUpperCase(), 'display_name_lookalike'],
    ] as const) {
      const err = await refusal(createUser(prisma, { username: `hider_${code.length}_${displayName.length}`, password: 'correct horse battery staple 9', displayName }, { address: `t-${displayName}` }));
      expect([err.status, err.fields], displayName).toEqual([422, { displayName: code }]);
    }
    await sql.query(`INSERT INTO word_rules (pattern, kind) VALUES ('加微信', 'banned') ON CONFLICT DO NOTHING`);
    try {
      const err = await refusal(createUser(prisma, { username: 'hider_words', password: 'correct horse battery staple 9', displayName: '禁词测试 加微信' }, { address: 't-words' }));
      expect([err.status, err.fields, err.params]).toEqual([422, { displayName: 'display_name_banned_word' }, { word: '加微信' }]);
      // A change of name is held to the same rules (a suspended member's too).
      const [m] = await createMembers(sql, 'renamer', 1, { status: 'suspended' });
      const actor = { id: m.id, role: 'member' as const, status: 'suspended' as const, suspendedUntil: new Date(Date.now() + 3600_000) };
      expect((await refusal(changeDisplayName(prisma, actor, { displayName: '加 微 信' }))).fields).toEqual({ displayName: 'display_name_banned_word' });
      expect((await refusal(changeDisplayName(prisma, actor, { displayName: someone.username }))).fields).toEqual({ displayName: 'display_name_lookalike' });
    } finally {
      await sql.query(`DELETE FROM word_rules WHERE pattern = '加微信'`);
    }
  });

  it('a display name may not look like another member’s display name; a username standing in for one may not either', async () => {
    const password = 'correct horse battery staple 9';
    const first = await createUser(prisma, { username: 'lucy_first', password, displayName: 'Lucy Wang' }, { address: 'dn-1' });
    for (const displayName of ['Lucy Wang', 'LUCY WANG', 'Lucу Wang' /* Cyrillic у */, 'Ｌｕｃｙ Ｗａｎｇ']) {
      const err = await refusal(createUser(prisma, { username: `lucy_${displayName.length}_${displayName.codePointAt(3)}`, password, displayName }, { address: `dn-${displayName}` }));
      expect([err.status, err.fields], displayName).toEqual([422, { displayName: 'display_name_lookalike_display' }]);
    }
    // A change of name too; one's own name may be kept or restyled.
    const [m] = await createMembers(sql, 'dnchanger', 1);
    expect((await refusal(changeDisplayName(prisma, m, { displayName: 'lucy wang' }))).fields).toEqual({ displayName: 'display_name_lookalike_display' });
    await changeDisplayName(prisma, { ...first, role: 'member', status: 'active', suspendedUntil: null }, { displayName: 'LUCY WANG' });
    // A sign-up with no display name shows its username: refused when that looks like someone's display name.
    await changeDisplayName(prisma, m, { displayName: 'night_owl' });
    const err = await refusal(createUser(prisma, { username: 'night_owl', password }, { address: 'dn-owl' }));
    expect(err.fields).toEqual({ username: 'username_lookalike_display' });
    // With a display name of its own, the same username is fine.
    expect((await createUser(prisma, { username: 'night_owl', password, displayName: '夜猫子' }, { address: 'dn-owl-2' })).username).toBe('night_owl');
    // Chinese names that differ are different names.
    await changeDisplayName(prisma, m, { displayName: '小明同学' });
    await createUser(prisma, { username: 'xiaoming_2', password, displayName: '小明同學' }, { address: 'dn-ming' });
  });

  it('a comment must have visible text: 2 000 zero-width spaces are refused', async () => {
    const [m] = await createMembers(sql, 'zw', 1);
    for (const body of ['\u200b'.repeat(2000), 'ㅤㅤ', '\u2800\u2800 \u3000']) {
      const err = await refusal(createComment(prisma, m, { slug, body }));
      expect([err.status, err.fields?.body]).toEqual([422, expect.stringMatching(/^body_(empty|invisible)$/)]);
    }
  });
});
