// Feeds and structured data carry every hostile comment safely: the Atom documents are
// well-formed XML with the text exactly (less what XML cannot hold), and the JSON-LD parses
// back to the text with the right counts.
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { commentsFeed, threadsFeed } from '../lib/feeds/feeds.ts';
import { scriptJson, threadJsonLd } from '../lib/feeds/json-ld.ts';
import { xmlText } from '../lib/feeds/atom.ts';
import { listComments } from '../lib/threads/list-comments.ts';
import { HOSTILE } from '../e2e/support/hostile.ts';
import { freshDatabase } from './support/db.ts';
import { generateThread } from './support/generate-thread.ts';

const { prisma, sql } = await freshDatabase();
let slug = '';
let articleId = 0;

beforeAll(async () => {
  ({ slug, articleId } = await generateThread(sql, { slug: 'feeds', topLevel: 0 }));
  const { rows } = await sql.query<{ id: number }>(`SELECT id FROM users WHERE username LIKE 'gen_feeds%' LIMIT 1`);
  for (const [i, body] of HOSTILE.entries())
    await sql.query(`INSERT INTO comments (article_id, author_id, body, like_count, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(secs => $5))`, [articleId, rows[0].id, body, i % 7, HOSTILE.length - i]);
  await sql.query(`INSERT INTO comments (article_id, author_id, body, status) VALUES ($1, $2, '被删除的不该出现', 'removed')`, [articleId, rows[0].id]);
  await sql.query(`UPDATE articles SET comment_count = $2 WHERE id = $1`, [articleId, HOSTILE.length]);
});

// What XML 1.0 can hold of a text (the feed drops the rest).
const xmlable = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

describe('Atom feeds', () => {
  it('a thread’s feed is well-formed Atom with its newest visible comments, each text exact', async () => {
    const xml = (await commentsFeed(prisma, 'https://forum.example', slug))!;
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false, trimValues: false, parseTagValue: false }).parse(xml);
    expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = doc.feed.entry as { content: { '#text': string } | string; id: string; updated: string }[];
    expect(entries).toHaveLength(50);
    const newest = HOSTILE.slice(-50).reverse();
    expect(entries.map((e) => (typeof e.content === 'string' ? e.content : (e.content['#text'] ?? '')))).toEqual(newest.map(xmlable));
    expect(xml).not.toContain('被删除的不该出现');
    for (const e of entries) expect(new Date(e.updated).toString()).not.toBe('Invalid Date');
    expect(await commentsFeed(prisma, 'https://forum.example', 'no-such-thread')).toBeNull();
  });

  it('the site feed lists the threads', async () => {
    const xml = await threadsFeed(prisma, 'https://forum.example', '议论');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`<id>https://forum.example/articles/${slug}</id>`);
  });

  it('escapes markup and drops what XML cannot hold', () => {
    expect(xmlText('<a href="x">&\u0007</a>\uFFFF')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('JSON-LD', () => {
  it('parses back to the page’s visible comments with their texts and like counts, and cannot end its script', async () => {
    const article = await prisma.article.findUniqueOrThrow({ where: { id: articleId } });
    const page = await listComments(prisma, { articleId, sort: 'new', limit: 100 });
    const json = scriptJson(threadJsonLd(article, page.comments, 'https://forum.example'));
    expect(json).not.toMatch(/<\/script/i);
    expect(json).not.toContain('<');
    const data = JSON.parse(json);
    expect(data['@type']).toBe('DiscussionForumPosting');
    expect(data.interactionStatistic.userInteractionCount).toBe(HOSTILE.length);
    expect(data.comment).toHaveLength(100);
    expect(data.comment.map((c: { text: string }) => c.text)).toEqual(page.comments.map((c) => c.body));
    expect(data.comment[0]).toMatchObject({ '@type': 'Comment', author: { '@type': 'Person' }, interactionStatistic: { interactionType: 'https://schema.org/LikeAction', userInteractionCount: page.comments[0].likeCount } });
  });
});
