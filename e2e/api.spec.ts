import { test, expect, SEED_SLUG } from './fixtures.ts';

const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00$/;

test.describe('the read API', () => {
  test('GET /api/v1/articles lists threads', async ({ request }) => {
    const res = await request.get('/api/v1/articles');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/json');
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['articles', 'nextCursor', 'prevCursor']);
    expect(body.prevCursor).toBeNull();
    const seed = body.articles.find((a: { slug: string }) => a.slug === SEED_SLUG);
    expect(seed).toEqual({
      slug: SEED_SLUG,
      title: '美媒:美国跑错赛道,但又没法直接抄中国的作业',
      source: '群发资讯网',
      publishedAt: '2026-02-17T08:08:00+08:00',
      commentCount: 15,
      lastActivityAt: '2026-02-17T19:21:00+08:00',
    });
  });

  test('GET /api/v1/articles/{slug} gives the article', async ({ request }) => {
    const body = await (await request.get(`/api/v1/articles/${SEED_SLUG}`)).json();
    expect(Object.keys(body.article).sort()).toEqual(['commentCount', 'locked', 'paragraphs', 'publishedAt', 'slug', 'source', 'title']);
    expect(body.article).toMatchObject({ slug: SEED_SLUG, source: '群发资讯网', commentCount: 15, locked: false });
    expect(body.article.paragraphs).toHaveLength(18);
    expect(body.article.publishedAt).toMatch(ISO_WITH_OFFSET);
  });

  test('GET …/comments gives comments with their replies, a page at a time', async ({ request }) => {
    const first = await (await request.get(`/api/v1/articles/${SEED_SLUG}/comments?limit=5`)).json();
    expect(first.comments).toHaveLength(5);
    const c = first.comments[0];
    expect(Object.keys(c).sort()).toEqual(['author', 'body', 'createdAt', 'editedAt', 'id', 'likeCount', 'parentId', 'replies', 'replyCount', 'status']);
    expect(c).toMatchObject({
      parentId: null,
      author: { username: '留一半清醒一半醉', displayName: '留一半清醒一半醉' },
      likeCount: 14,
      replyCount: 1,
      createdAt: '2026-02-17T10:24:00+08:00',
      status: 'visible',
    });
    expect(c.replies).toEqual([
      {
        id: expect.any(Number),
        parentId: c.id,
        author: { username: '开心就好', displayName: '开心就好' },
        body: expect.stringMatching(/^不是这样的/),
        likeCount: 0,
        replyCount: 0,
        createdAt: '2026-02-17T12:17:00+08:00',
        editedAt: null,
        status: 'visible',
        replies: [],
      },
    ]);
    expect(typeof first.nextCursor).toBe('string');
    expect(first.prevCursor).toBeNull();

    const all = [...first.comments];
    const pages = [first.comments.map((x: { id: number }) => x.id)];
    let cursor = first.nextCursor;
    let last = first;
    while (cursor) {
      const page = await (await request.get(`/api/v1/articles/${SEED_SLUG}/comments?limit=5&cursor=${cursor}`)).json();
      all.push(...page.comments);
      pages.push(page.comments.map((x: { id: number }) => x.id));
      cursor = page.nextCursor;
      last = page;
    }
    // And back again: each page's prevCursor gives the page before it, the same comments.
    for (let i = pages.length - 1, back = last.prevCursor; i > 0; i--) {
      expect(typeof back).toBe('string');
      const page = await (await request.get(`/api/v1/articles/${SEED_SLUG}/comments?limit=5&cursor=${back}`)).json();
      expect(page.comments.map((x: { id: number }) => x.id)).toEqual(pages[i - 1]);
      back = page.prevCursor;
      if (i === 1) expect(back).toBeNull();
    }
    expect(all).toHaveLength(13);
    expect(new Set(all.map((x) => x.id)).size).toBe(13);
    expect(all.flatMap((x) => x.replies)).toHaveLength(2);
    expect(all.map((x) => x.likeCount)).toEqual([14, 12, 5, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1]);
  });

  test('sort=new and sort=old order by time', async ({ request }) => {
    const times = async (sort: string) =>
      ((await (await request.get(`/api/v1/articles/${SEED_SLUG}/comments?sort=${sort}`)).json()).comments as { createdAt: string }[]).map((c) => c.createdAt);
    const newest = await times('new');
    expect(newest[0]).toBe('2026-02-17T19:21:00+08:00');
    expect(await times('old')).toEqual([...newest].reverse());
  });

  const bad: [string, string, number, string][] = [
    ['an unknown article', '/api/v1/articles/nope', 404, 'article_not_found'],
    ['comments of an unknown article', '/api/v1/articles/nope/comments', 404, 'article_not_found'],
    ['an unknown sort', `/api/v1/articles/${SEED_SLUG}/comments?sort=xyz`, 400, 'bad_request'],
    ['limit=0', `/api/v1/articles/${SEED_SLUG}/comments?limit=0`, 400, 'bad_request'],
    ['limit=abc', `/api/v1/articles/${SEED_SLUG}/comments?limit=abc`, 400, 'bad_request'],
    ['a limit too large', `/api/v1/articles/${SEED_SLUG}/comments?limit=1000`, 400, 'bad_request'],
    ['a forged cursor', `/api/v1/articles/${SEED_SLUG}/comments?cursor=Zm9yZ2Vk`, 400, 'bad_cursor'],
    ['a cursor of another sort', `/api/v1/articles/${SEED_SLUG}/comments?sort=old&cursor=eyJzIjoibmV3IiwidCI6IjIwMjYtMDItMTdUMDI6NDk6MDAuMDAwWiIsImkiOjN9`, 400, 'bad_cursor'],
    ['a forged article cursor', '/api/v1/articles?cursor=%7B%7D', 400, 'bad_cursor'],
  ];
  for (const [name, url, status, code] of bad) {
    test(`${name} is a ${status} with the error shape`, async ({ request }) => {
      const res = await request.get(url);
      expect(res.status()).toBe(status);
      const body = await res.json();
      expect(body.error).toMatchObject({ code, message: expect.stringMatching(/\S{4,}/) });
      // A bad query names the parameter at fault.
      if (code === 'bad_request' || url.includes('cursor=')) expect(Object.keys(body.error.fields ?? {})).toHaveLength(1);
    });
  }
});
