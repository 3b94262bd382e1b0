// Search against PostgreSQL (issue 23): a corpus with known answers (which comments each query
// must and must not find), the leak rules (a reader never sees a held, hidden, removed or
// deleted comment, or one of an article taken down, in results or highlights), the index kept
// exact by writes, and keyset paging.
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './support/db.ts';
import { createMembers, MEMBER_PASSWORD } from './support/members.ts';
import { countReaderSearch, RECENT_COMMENTS, searchForReaders, searchForStaff } from '../lib/search/search.ts';
import { RATE_LIMITS } from '../lib/rate-limit.ts';
import { awaitFreshWindow } from './support/rate-window.ts';
import { highlight, toTsQuery } from '../lib/search/query.ts';
import { editComment } from '../lib/comments/own-comment.ts';
import { deleteAccount } from '../lib/users/account.ts';
import { refusal } from './support/refusal.ts';
import type { Actor } from '../lib/policy.ts';
import { BadCursorError } from '../lib/threads/cursor.ts';

const { prisma, sql } = await freshDatabase();
let author: Actor & { username: string };
let mod: Actor;
let articleId = 0;
const ids: Record<string, number> = {};

/** The corpus: a name for each comment, its text, its state. */
const CORPUS: [string, string, string?][] = [
  ['wechat', '有事加我微信，随时联系'],
  ['wechat-fullwidth', '加ＷｅＣｈａｔ：ｗｘ１２３'],
  ['wechat-en', 'Add me on WeChat please'],
  ['weibo', '我在微博上看到的'],
  ['split', '微，信这两个字被逗号隔开'],
  ['spaced', '微 信 中间有空格'],
  ['name', '记者张伟报道：大桥今天通车'],
  ['name2', '张伟的朋友也来了'],
  ['beijing', '北京，上海，广州都下雨了'],
  ['transfer', '微信转账被骗了五千元'],
  ['transfer2', '转账之前一定要核实'],
  ['bridge', '新大桥通车以后交通好多了'],
  ['iphone', 'iPhone 15 的价格降了'],
  ['mixed', '用WeChat Pay付款很方便'],
  ['held', '等待审核的微信号推广', 'held'],
  ['hidden', '被隐藏的微信广告', 'hidden'],
  ['removed', '被删除的微信诈骗', 'removed'],
  ['deleted', '作者自己删掉的微信', 'deleted'],
];

const find = async (q: string) => (await searchForReaders(prisma, { q })).comments.map((c) => Object.entries(ids).find(([, id]) => id === c.id)?.[0] ?? String(c.id));

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  [author] = await createMembers(sql, 'searcher', 1);
  [mod] = await createMembers(sql, 'searchmod', 1, { role: 'moderator' });
  const { rows } = await sql.query(
    `INSERT INTO articles (slug, title, summary, paragraphs, source_site, published_at, last_activity_at) VALUES ('search-a', '大桥通车的新闻', '关于大桥', '{}', 'x', now(), now()) RETURNING id`,
  );
  articleId = rows[0].id;
  for (const [name, body, status] of CORPUS) {
    const r = await sql.query(`INSERT INTO comments (article_id, author_id, body, status) VALUES ($1, $2, $3, $4) RETURNING id`, [articleId, author.id, body, status ?? 'visible']);
    ids[name] = r.rows[0].id;
  }
  // An article taken down: its comments are no reader's results.
  const down = await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at, unpublished_at) VALUES ('search-down', '撤下的微信文章', '{}', 'x', now(), now(), now()) RETURNING id`);
  const r = await sql.query(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '撤下文章里的微信') RETURNING id`, [down.rows[0].id, author.id]);
  ids['taken-down'] = r.rows[0].id;
});

describe('the corpus: what each query must and must not find', () => {
  const cases: [string, string[], string[]][] = [
    // A two-character word; width, case and punctuation
    ['微信', ['wechat', 'transfer'], ['weibo', 'split', 'spaced', 'held', 'hidden', 'removed', 'deleted', 'taken-down']],
    ['wechat', ['wechat-fullwidth', 'wechat-en', 'mixed'], ['wechat']],
    ['ＷＥＣＨＡＴ', ['wechat-fullwidth', 'wechat-en', 'mixed'], []],
    ['wech', ['wechat-fullwidth', 'wechat-en', 'mixed'], []],
    // Names
    ['张伟', ['name', 'name2'], ['bridge']],
    // Words split by punctuation are not one word
    ['京上', [], ['beijing']],
    ['北京', ['beijing'], []],
    // Two words: both must be there
    ['微信 转账', ['transfer'], ['wechat', 'transfer2']],
    ['转账', ['transfer', 'transfer2'], []],
    // Longer words as phrases of pairs
    ['大桥通车', ['bridge'], ['name']],
    ['桥通', ['bridge'], ['name']],
    ['大桥 通车', ['name', 'bridge'], []],
    ['iphone 15', ['iphone'], []],
    ['wx123', ['wechat-fullwidth'], []],
    // Nothing to look for
    ['，。！', [], ['wechat']],
  ];
  for (const [q, must, mustNot] of cases) {
    it(`${q}: finds ${must.join(', ') || 'nothing'}${mustNot.length ? `; not ${mustNot.join(', ')}` : ''}`, async () => {
      const found = await find(q);
      for (const m of must) expect(found, q).toContain(m);
      for (const m of mustNot) expect(found, q).not.toContain(m);
      if (!must.length) expect(found).toEqual([]);
    });
  }

  it('finds articles by title, and only those readers can read', async () => {
    const page = await searchForReaders(prisma, { q: '大桥' });
    expect(page.articles.map((a) => a.slug)).toEqual(['search-a']);
    expect((await searchForReaders(prisma, { q: '撤下' })).articles).toEqual([]);
  });

  it('marks what matched, whatever its width or case, and nothing else', () => {
    expect(highlight('加ＷｅＣｈａｔ：ｗｘ１２３', 'wechat wx123').filter((s) => s.mark).map((s) => s.text)).toEqual(['ＷｅＣｈａｔ', 'ｗｘ１２３']);
    expect(highlight('有事加我微信，随时联系', '微信').map((s) => [s.text, s.mark])).toEqual([['有事加我', false], ['微信', true], ['，随时联系', false]]);
    expect(highlight('somewechat wechat', 'wechat').filter((s) => s.mark).map((s) => s.text)).toEqual(['wechat']);
    expect(toTsQuery("a' | b & !c")).toBe("'a':* & 'b':* & 'c':*");
  });
});

describe('never a leak', () => {
  it('a reader finds no held, hidden, removed or deleted comment, nor one under an article taken down; staff find them all, by state', async () => {
    const reader = await searchForReaders(prisma, { q: '微信' });
    const seen = reader.comments.map((c) => c.id);
    for (const name of ['held', 'hidden', 'removed', 'deleted', 'taken-down']) expect(seen).not.toContain(ids[name]);
    expect(JSON.stringify(reader)).not.toMatch(/推广|广告|诈骗|删掉|撤下文章/);
    const staff = await searchForStaff(prisma, mod, { q: '微信' });
    for (const name of ['wechat', 'transfer', 'held', 'hidden', 'removed', 'deleted', 'taken-down']) expect(staff.comments.map((c) => c.id)).toContain(ids[name]);
    const held = await searchForStaff(prisma, mod, { q: '微信', filters: { states: ['held', 'hidden'] } });
    expect(held.comments.map((c) => c.id).sort()).toEqual([ids.held, ids.hidden].sort());
    const byThread = await searchForStaff(prisma, mod, { q: '微信', filters: { thread: 'search-down' } });
    expect(byThread.comments.map((c) => c.id)).toEqual([ids['taken-down']]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await searchForStaff(prisma, mod, { q: '微信', filters: { from: today, to: today, member: author.username.toUpperCase() } })).comments.length).toBe(staff.comments.length);
    expect((await searchForStaff(prisma, mod, { q: '微信', filters: { to: '2001-01-01' } })).comments).toEqual([]);
  });

  it('staff find evasions: look-alike letters and words pulled apart, marked where they are; readers do not', async () => {
    const { rows } = await sql.query(
      `INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '加我 ｗ.е.с.һ.а.т 私聊'), ($1, $2, '加我微 信私聊'), ($1, $2, '𝐰𝐞𝐜𝐡𝐚𝐭 号码') RETURNING id`,
      [articleId, author.id],
    );
    const evasions = rows.map((r) => r.id);
    expect((await searchForReaders(prisma, { q: 'wechat' })).comments.map((c) => c.id)).not.toContain(evasions[0]);
    const latin = await searchForStaff(prisma, mod, { q: 'wechat', filters: { lookAlikes: true } });
    expect(latin.comments.map((c) => c.id)).toEqual(expect.arrayContaining([evasions[0], evasions[2], ids['wechat-en'], ids['wechat-fullwidth']]));
    const marked = latin.comments.find((c) => c.id === evasions[0])!.excerpt.filter((s) => s.mark).map((s) => s.text);
    expect(marked).toEqual(['ｗ.е.с.һ.а.т']);
    const han = await searchForStaff(prisma, mod, { q: '微信', filters: { lookAlikes: true } });
    expect(han.comments.map((c) => c.id)).toEqual(expect.arrayContaining([evasions[1], ids.spaced, ids.split, ids.wechat]));
    expect(han.comments.map((c) => c.id)).not.toContain(ids.weibo);
  });

  it('members and readers cannot use the staff search', async () => {
    expect((await refusal(searchForStaff(prisma, author, { q: '微信' }))).status).toBe(403);
    expect((await refusal(searchForStaff(prisma, null, { q: '微信' }))).status).toBe(401);
  });
});

describe('kept exact by writes', () => {
  it('an edit, a moderation decision and an account deletion change what is found at once', async () => {
    const [writer] = await createMembers(sql, 'searchw', 1);
    const { rows } = await sql.query(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '原来的话题是骆驼') RETURNING id`, [articleId, writer.id]);
    const id = rows[0].id;
    expect((await searchForReaders(prisma, { q: '骆驼' })).comments.map((c) => c.id)).toEqual([id]);
    await editComment(prisma, writer, id, { body: '改成了长颈鹿' });
    expect((await searchForReaders(prisma, { q: '骆驼' })).comments).toEqual([]);
    expect((await searchForReaders(prisma, { q: '长颈鹿' })).comments.map((c) => c.id)).toEqual([id]);
    await sql.query(`UPDATE comments SET status = 'hidden' WHERE id = $1`, [id]);
    expect((await searchForReaders(prisma, { q: '长颈鹿' })).comments).toEqual([]);
    await sql.query(`UPDATE comments SET status = 'visible' WHERE id = $1`, [id]);
    await deleteAccount(prisma, writer, { password: MEMBER_PASSWORD });
    expect((await searchForStaff(prisma, mod, { q: '长颈鹿' })).comments).toEqual([]);
  });
});

describe('paging', () => {
  it('pages by rank and id without a repeat or a gap; a made-up cursor is refused', async () => {
    await sql.query(`INSERT INTO comments (article_id, author_id, body) SELECT $1, $2, '斑马第' || i || '条' || repeat('斑马', i % 3) FROM generate_series(1, 45) i`, [articleId, author.id]);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await searchForReaders(prisma, { q: '斑马', cursor });
      seen.push(...page.comments.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(45);
    await expect(searchForReaders(prisma, { q: '斑马', cursor: 'eyJyIjoxLCJpIjoxfQ' })).rejects.toBeInstanceOf(BadCursorError);
  });
});

describe('a query too broad to rank whole (a single common character over many comments)', () => {
  it('is answered from the newest comments and says so; its pages go on among them; a narrow query is still ranked whole', async () => {
    await sql.query(`INSERT INTO comments (article_id, author_id, body) SELECT $1, $2, '犀牛第' || i || '次出现' FROM generate_series(1, 20000) i`, [articleId, author.id]);
    const newest = (await sql.query<{ id: number }>('SELECT max(id)::int AS id FROM comments')).rows[0].id;
    // A budget no ranking of 20 000 matches fits in: PostgreSQL cancels it, the newest 100 are ranked.
    const budget = { budgetMs: 1, recent: 100 };
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await searchForReaders(prisma, { q: '犀', cursor }, budget);
      expect(page.recentOnly).toBe(true);
      seen.push(...page.comments.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(100);
    expect(new Set(seen).size).toBe(100);
    expect(Math.min(...seen)).toBe(newest - 99);
    // The staff's search is bounded the same way.
    expect((await searchForStaff(prisma, mod, { q: '犀' }, budget)).recentOnly).toBe(true);
    // A narrow query, within the default budget, is ranked over every comment, the old ones too.
    const narrow = await searchForReaders(prisma, { q: '微信 转账' });
    expect(narrow.recentOnly).toBe(false);
    expect(narrow.comments.map((c) => c.id)).toEqual([ids.transfer]);
    expect(RECENT_COMMENTS).toBe(20_000);
  });
});

describe('readers\' searches per network address', () => {
  it('past the limit a search is refused with the wait; empty queries are not counted, nor other addresses', async () => {
    process.env.YILUN_RATE_LIMITS = 'on';
    try {
      const { limit, seconds } = RATE_LIMITS.searches;
      await awaitFreshWindow(seconds, 20);
      const address = '198.51.100.30';
      for (let i = 0; i < limit; i++) await countReaderSearch(prisma, '微信', address);
      await countReaderSearch(prisma, '', address);
      await countReaderSearch(prisma, '，。！', address);
      const refused = await refusal(countReaderSearch(prisma, '微信', address));
      expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(refused.headers?.['Retry-After'])).toBeGreaterThan(0);
      await countReaderSearch(prisma, '微信', '198.51.100.31');
    } finally {
      process.env.YILUN_RATE_LIMITS = 'off';
    }
  });
});
