// Look-alike names and words: Unicode's confusables (TS #39), combining marks, other scripts'
// digits, bidi controls.
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../lib/users/create-user.ts';
import { findWord } from '../lib/moderation/words.ts';
import { skeleton } from '../lib/text/skeleton.ts';
import { backfillUsernameSkeletons } from '../lib/users/backfill-skeletons.ts';
import { refusal } from './support/refusal.ts';
import { freshDatabase, type TestDatabase } from './support/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});

const PASSWORD = 'a fine long password';

describe('usernames that look alike', () => {
  it('are taken once one of them is', async () => {
    await createUser(db.prisma, { username: 'root_admin', password: PASSWORD }, { address: 'a' });
    await createUser(db.prisma, { username: 'mem01', password: PASSWORD }, { address: 'a' });
    await createUser(db.prisma, { username: '张三丰', password: PASSWORD }, { address: 'a' });
    for (const lookalike of ['rооt_admin' /* Cyrillic о */, 'ROOT_ADMİN' /* dotted İ */, 'root_αdmin' /* Greek α */, 'mеm01' /* Cyrillic е */, 'memO1', 'mem0l', 'rοοt_admin' /* Greek ο */, 'róot_admin', 'Ｒｏｏｔ_ａｄｍｉｎ']) {
      const err = await refusal(createUser(db.prisma, { username: lookalike, password: PASSWORD }, { address: 'a' }));
      expect(err.fields, lookalike).toEqual({ username: expect.stringMatching(/^username_(taken|chars)$/) });
    }
    expect(await db.prisma.user.count()).toBe(3);
  });

  it('may use digits 0–9 only, not digits of other scripts', async () => {
    for (const name of ['mem١٢', 'user٣', 'a१२३', 'ｍｅｍ１２x'.replace('１', '١')]) {
      expect((await refusal(createUser(db.prisma, { username: name, password: PASSWORD }, { address: 'b' }))).fields, name).toEqual({ username: 'username_chars' });
    }
  });

  it('older members get their skeleton too, and new look-alikes of them are refused', async () => {
    await db.sql.query(`INSERT INTO users (username, username_key, display_name, password_hash) VALUES ('old_timer', 'old_timer', 'old', 'x')`);
    expect(await backfillUsernameSkeletons(db.prisma)).toBe(1);
    const err = await refusal(createUser(db.prisma, { username: 'оld_timer', password: PASSWORD }, { address: 'c' }));
    expect(err.fields).toEqual({ username: 'username_taken' });
  });
});

describe('display names', () => {
  it('lose bidi controls and invisible format characters', async () => {
    const u = await createUser(db.prisma, { username: 'reader_x', password: PASSWORD, displayName: '\u202eevil\u200b admin\u2066' }, { address: 'd' });
    expect(u.displayName).toBe('evil admin');
    const err = await refusal(createUser(db.prisma, { username: 'reader_y', password: PASSWORD, displayName: '\u202e\u200b' }, { address: 'd' }));
    expect(err.fields).toEqual({ displayName: 'display_name_length' });
  });
});

describe('word lists and look-alikes', () => {
  it('catch other scripts, combining marks and compatibility forms, CJK included', () => {
    for (const text of ['ѕраm', 's\u0301pam', 'ｓｐａｍ', 'SPAM', 's.p.a.m', 'sp\u200bam', 'ꜱpam']) {
      expect(findWord(`买 ${text} 吧`, ['spam']), text).toBe('spam');
    }
    expect(findWord('这是⼝号', ['口号'])).toBe('口号'); // Kangxi radical ⼝ for 口
    expect(findWord('狗 屁不通', ['狗屁'])).toBe('狗屁');
    expect(findWord('a perfectly fine comment', ['spam'])).toBeNull();
  });

  it('fold both sides the same way', () => {
    expect(skeleton('rооt')).toBe(skeleton('root'));
    expect(skeleton('张三')).toBe('张三');
  });
});

describe('word lists and sentences', () => {
  it('a word never spans two sentences, while evasions inside one are still caught', () => {
    expect(findWord('说服力略微。信息来源也不清楚', ['微信'])).toBeNull();
    expect(findWord('说得略微\n信息不足', ['微信'])).toBeNull();
    expect(findWord('真的吗？信不信由你', ['吗信'])).toBeNull();
    for (const text of ['加我微信', '加我微 信', '加我微.信', '加我微\u200b信', '加我ＷＥＩ信'.replace('ＷＥＩ', '微')]) {
      expect(findWord(text, ['微信']), text).toBe('微信');
    }
    // A line break inside a word, with nothing after it, is not a new sentence.
    expect(findWord('狗\n屁', ['狗屁'])).toBeNull();
    expect(findWord('狗屁\n', ['狗屁'])).toBe('狗屁');
  });
});
