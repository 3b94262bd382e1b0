import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticlePageError, parseArticlePage } from '../lib/import/parse-article-page.ts';
import { articleSlug, importArticlePage } from '../lib/import/import-article.ts';
import { isoChinaTime } from '../lib/time.ts';
import { listComments } from '../lib/threads/list-comments.ts';
import { freshDatabase } from './support/db.ts';

const seedText = fs.readFileSync(path.resolve(import.meta.dirname, '../prisma/seed/000_97667f3ccc073977.txt'), 'utf8');

// Every comment of the seed as the source site shows it: name, likes, China time, first words.
const SEED_COMMENTS: [string, number, string, string][] = [
  ['留一半清醒一半醉', 14, '2026-02-17T10:24:00+08:00', '说的通俗点:我们在有了刀后'],
  ['笨笨老猪', 12, '2026-02-17T10:49:00+08:00', '米国没有实业支撑'],
  ['用户10xxx28', 5, '2026-02-17T09:53:00+08:00', '5000年前西方人只是在树上窜来窜去的猴子'],
  ['伊洛', 3, '2026-02-17T10:28:00+08:00', '美军F35组装线'],
  ['用户44xxx34', 3, '2026-02-17T14:46:00+08:00', '港口码头还别全部升级的好'],
  ['六月雪', 3, '2026-02-17T17:16:00+08:00', '这个跟当年苹果机与安卓机走得路线相仿'],
  ['用户48xxx75', 3, '2026-02-17T12:25:00+08:00', '小编说的那些机器人'],
  ['my god', 2, '2026-02-17T13:13:00+08:00', '美国其实没有做错⺁,因为他本质是资本家'],
  ['用户14xxx14', 2, '2026-02-17T16:38:00+08:00', '美国追求的是一众头部公司市值炒得更高再更高'],
  ['十三月十七日', 2, '2026-02-17T12:59:00+08:00', '这个是当年英特尔+微软模式搞出来的惯性'],
  ['黎黎黎', 2, '2026-02-17T13:02:00+08:00', '西方国家擅长做0-1,而我们擅长做1-100'],
  ['用户36xxx92', 1, '2026-02-17T19:21:00+08:00', '国家政府也会面临新的压力'],
  ['银白色的乌桕', 1, '2026-02-17T08:08:00+08:00', '也许都错了,工业机械人加强没问题'],
];

describe('parsing the seeded article page', () => {
  const page = parseArticlePage(seedText);

  it('reads the site, the title and the paragraphs without repeating the title', () => {
    expect(page.site).toBe('群发资讯网');
    expect(page.title).toBe('美媒:美国跑错赛道,但又没法直接抄中国的作业');
    expect(page.paragraphs).toHaveLength(18);
    expect(page.paragraphs[0]).toMatch(/^美国《国家利益》杂志一篇文章,算是把美国AI竞争的尴尬处境说透了/);
    expect(page.paragraphs.at(-1)).toMatch(/制造业基础和应用场景。$/);
    expect(page.paragraphs.some((p) => p.includes(page.title))).toBe(false);
  });

  it('reads all 13 comments with their names, like counts and China times, in page order', () => {
    expect(page.comments.map((c) => [c.name, c.likes, isoChinaTime(c.createdAt)])).toEqual(
      SEED_COMMENTS.map(([name, likes, time]) => [name, likes, time]),
    );
    page.comments.forEach((c, i) => expect(c.body.startsWith(SEED_COMMENTS[i][3])).toBe(true));
  });

  it('keeps comment text exactly, including odd spacing and rare characters', () => {
    expect(page.comments[0].replies[0].body).toContain('怎么样牛逼 ,不然股票');
    expect(page.comments[0].replies[0].body.endsWith('不然就是个死………………………')).toBe(true);
    expect(page.comments[7].body).toContain('⺁');
    expect(page.comments[10].body).toBe('西方国家擅长做0-1,而我们擅长做1-100');
  });

  it('puts the 2 replies under their parents, with the year taken from the parent', () => {
    const replies = page.comments.flatMap((c) => c.replies.map((r) => [c.name, r.name, isoChinaTime(r.createdAt), r.body]));
    expect(replies).toEqual([
      ['留一半清醒一半醉', '开心就好', '2026-02-17T12:17:00+08:00', expect.stringMatching(/^不是这样的,美利坚祸众国的AI/)],
      ['银白色的乌桕', '用户17xxx74', '2026-02-17T12:09:00+08:00', '不懂装懂,狗屁不通'],
    ]);
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    const again = parseArticlePage(`\uFEFF${seedText.replace(/\n/g, '\r\n')}`);
    expect(again.comments.map((c) => c.body)).toEqual(page.comments.map((c) => c.body));
  });

  it('dates a reply in the next year when its month comes before the parent', () => {
    const text = `站点\n\n标题 正文\n\n标题 正文第一段 第二段\n\n评论列表\n\n甲\n甲 1\n2025-12-31 23:50\n新年快乐\n\n乙 回复 01-01 00:05\n同乐\n`;
    const p = parseArticlePage(text);
    expect(isoChinaTime(p.comments[0].replies[0].createdAt)).toBe('2026-01-01T00:05:00+08:00');
  });
});

describe('parsing broken article pages names the line', () => {
  const lines = seedText.split('\n');
  const edit = (i: number, line: string | null) => {
    const copy = [...lines];
    if (line === null) copy.splice(i, 1);
    else copy[i] = line;
    return copy.join('\n');
  };
  const heading = lines.indexOf('评论列表');
  const cases: [string, string, number, RegExp][] = [
    ['an empty file', '', 1, /site name/],
    ['no comments heading', edit(heading, '评论'), heading + 1, /评论列表/],
    ['a like count that is not a number', edit(heading + 3, '留一半清醒一半醉 十四'), heading + 3, /expected a comment/],
    ['an impossible date', edit(heading + 4, '2026-02-30 10:24'), heading + 5, /not a real date/],
    ['a comment with no text', edit(heading + 5, ''), heading + 3, /no text/],
    ['a reply before any comment', `${lines.slice(0, heading + 2).join('\n')}\n某人 回复 02-17 12:17\n文字\n`, heading + 3, /reply comes before any comment/],
    ['a teaser that does not start the body', edit(2, '别的标题 完全不同'), 3, /teaser/],
    ['a title with no body', '站点\n\n只有标题\n\n只有标题\n\n评论列表\n', 5, /title, a space/],
  ];
  it.each(cases)('%s', (_name, text, line, reason) => {
    let error: unknown;
    try {
      parseArticlePage(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArticlePageError);
    expect((error as ArticlePageError).line).toBe(line);
    expect((error as ArticlePageError).message).toMatch(reason);
    expect((error as ArticlePageError).message).toMatch(new RegExp(`^line ${line}: `));
  });
});

describe('importing the seeded article', async () => {
  const { prisma } = await freshDatabase();
  const page = parseArticlePage(seedText);

  it('imports the article, 15 comments and the commenters as members who cannot sign in', async () => {
    const result = await importArticlePage(prisma, page);
    expect(result).toEqual({ slug: articleSlug('群发资讯网', page.title), created: true, comments: 15 });
    const article = await prisma.article.findUniqueOrThrow({ where: { slug: result.slug } });
    expect(article).toMatchObject({ title: page.title, sourceSite: '群发资讯网', commentCount: 15, paragraphs: page.paragraphs });
    expect(isoChinaTime(article.lastActivityAt)).toBe('2026-02-17T19:21:00+08:00');

    const comments = await prisma.comment.findMany({ include: { author: true, parent: { include: { author: true } } }, orderBy: { id: 'asc' } });
    expect(comments).toHaveLength(15);
    const top = comments.filter((c) => c.depth === 0);
    expect(top.map((c) => [c.author.displayName, c.likeCount, c.baseLikeCount, isoChinaTime(c.createdAt)])).toEqual(
      SEED_COMMENTS.map(([name, likes, time]) => [name, likes, likes, time]),
    );
    const replies = comments.filter((c) => c.depth === 1);
    expect(replies.map((r) => [r.author.displayName, r.parent?.author.displayName, r.rootId === r.parentId])).toEqual([
      ['开心就好', '留一半清醒一半醉', true],
      ['用户17xxx74', '银白色的乌桕', true],
    ]);
    expect(top.find((c) => c.author.displayName === '留一半清醒一半醉')).toMatchObject({ replyCount: 1, threadReplyCount: 1 });
    // Sorted by likes, equal likes keep the source page's order (which is not oldest first:
    // 用户48xxx75 at 12:25 comes after 六月雪 at 17:16).
    const listed = await listComments(prisma, { articleId: article.id, sort: 'top' });
    expect(listed.comments.map((c) => c.author.displayName)).toEqual(SEED_COMMENTS.map(([name]) => name));

    const users = await prisma.user.findMany();
    expect(users).toHaveLength(15);
    expect(users.every((u) => u.passwordHash === null && u.importedFrom === '群发资讯网')).toBe(true);
    expect(users.find((u) => u.displayName === 'my god')?.username).toBe('my_god');
    // Imported likes have no like rows behind them: they are the base count.
    expect(await prisma.like.count()).toBe(0);
  });

  it('changes nothing when run twice', async () => {
    const count = async () => [await prisma.article.count(), await prisma.comment.count(), await prisma.user.count()];
    const before = await count();
    expect(await importArticlePage(prisma, page)).toMatchObject({ created: false });
    expect(await count()).toEqual(before);
  });
});
