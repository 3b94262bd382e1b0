// Issue 22 against the database: publishers' sites, the thread of a page, single sign-on
// tokens (HS256 with the site's secret, RS256 from a JWKS address served here), the frame's
// grants, and imports of a Disqus export and a WordPress WXR file (real files written from the
// published formats, and 100 000 comments generated in the Disqus format).
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';
import { createMembers } from './support/members.ts';
import { canonicalPageUrl, normalOrigin } from '../lib/embed/canonical-url.ts';
import { bindArticle, createSite, listSites, rotateSsoSecret, threadForPage, updateSite, type Site } from '../lib/embed/sites.ts';
import { forgetSite, siteById } from '../lib/embed/site-lookup.ts';
import { isSsoMember, signInWithSso, spendSsoToken, ssoMember, verifySsoToken } from '../lib/embed/sso.ts';
import { frameMember, issueGrant, redeemGrant } from '../lib/embed/frame-session.ts';
import { htmlToText, parseDisqus, parseWxr } from '../lib/import/foreign.ts';
import { importThreads } from '../lib/import/import-threads.ts';
import type { Actor } from '../lib/policy.ts';
import path from 'node:path';
import { run } from './support/run.ts';
import { updateArticle } from '../lib/articles/publish.ts';

const { prisma, sql, url } = await freshDatabase();
let admin: Actor;
let moderator: Actor;
let site: Site;

beforeAll(async () => {
  process.env.YILUN_RATE_LIMITS = 'off';
  process.env.AUTH_SECRET ??= 'embed-test-secret-0123456789abcdef';
  [admin] = await createMembers(sql, 'siteadmin', 1, { role: 'admin' });
  [moderator] = await createMembers(sql, 'sitemod', 1, { role: 'moderator' });
  site = await createSite(prisma, admin, { name: '晨报', origins: 'https://news.example.com\nhttp://localhost:4000', keepParams: 'id', jwksUrl: '', defaultLocale: 'zh-CN' });
});

describe('canonical page addresses', () => {
  it('drop fragments, tracking parameters, default ports, trailing slashes and index.html; keep the listed parameters, sorted', () => {
    expect(canonicalPageUrl('HTTPS://News.Example.com:443/a/b/?utm_source=x&id=2&fbclid=y#comments', ['id'])).toBe('https://news.example.com/a/b?id=2');
    expect(canonicalPageUrl('https://news.example.com/a/index.html?b=1&a=2', ['a', 'b'])).toBe('https://news.example.com/a?a=2&b=1');
    expect(canonicalPageUrl('https://news.example.com/', [])).toBe('https://news.example.com/');
    expect(canonicalPageUrl('http://localhost:4000/x', [])).toBe('http://localhost:4000/x');
    for (const bad of ['javascript:alert(1)', 'ftp://x/y', 'not a url', 'https://user:pw@news.example.com/', 'x'.repeat(3000)]) expect(canonicalPageUrl(bad, [])).toBeNull();
    expect(normalOrigin('https://News.example.com/')).toBe('https://news.example.com');
    expect(normalOrigin('https://news.example.com/path')).toBeNull();
  });
});

describe('sites', () => {
  it('admins register and change them, each change logged; members and moderators cannot', async () => {
    expect(site.id).toMatch(/^s[a-z0-9]{10}$/);
    expect(site.origins).toEqual(['https://news.example.com', 'http://localhost:4000']);
    expect(site.ssoSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await refusal(createSite(prisma, moderator, { name: 'x', origins: 'https://x.example' }))).status).toBe(403);
    expect((await refusal(listSites(prisma, moderator))).status).toBe(403);
    const bad = await refusal(createSite(prisma, admin, { name: '', origins: 'https://ok.example\nnot-an-origin', keepParams: '', jwksUrl: 'ftp://k', defaultLocale: 'fr' }));
    expect(bad.fields).toMatchObject({ name: 'site_name', origins: 'site_origins' });
    const before = site.ssoSecret;
    await rotateSsoSecret(prisma, admin, site.id);
    forgetSite(site.id);
    site = (await siteById(prisma, site.id))!;
    expect(site.ssoSecret).not.toBe(before);
    const changed = await updateSite(prisma, admin, site.id, { name: '晨报', origins: [...site.origins, 'https://m.news.example.com'], keepParams: 'id', jwksUrl: '', defaultLocale: 'zh-CN' });
    expect(changed.origins).toContain('https://m.news.example.com');
    const { rows } = await sql.query("SELECT action FROM moderation_actions WHERE action LIKE 'site:%' ORDER BY id");
    expect(rows.map((r) => r.action)).toEqual(['site:create', 'site:rotate-secret', 'site:update']);
    site = changed;
  });

  it('a page gets one thread on its first view, by its canonical address; other origins are refused', async () => {
    const a = await threadForPage(prisma, site, 'https://news.example.com/2024/x.html?utm_source=a#c', '第一篇  文章');
    const b = await threadForPage(prisma, site, 'https://NEWS.example.com/2024/x.html?fbclid=z', 'other title');
    expect('slug' in a && 'slug' in b && a.slug === b.slug).toBe(true);
    const { rows } = await sql.query('SELECT title, page_url, site_id, comment_count FROM articles WHERE slug = $1', ['slug' in a ? a.slug : '']);
    expect(rows[0]).toEqual({ title: '第一篇 文章', page_url: 'https://news.example.com/2024/x.html', site_id: site.id, comment_count: 0 });
    expect(await threadForPage(prisma, site, 'https://evil.example/x', 't')).toEqual({ code: 'page_origin', origin: 'https://evil.example' });
    expect(await threadForPage(prisma, site, 'javascript:alert(1)', 't')).toEqual({ code: 'page_url' });
    // Two first views at once make one thread.
    const both = await Promise.all([1, 2, 3].map(() => threadForPage(prisma, site, 'https://news.example.com/race', 'race')));
    expect(new Set(both.map((r) => ('slug' in r ? r.slug : r.code))).size).toBe(1);
  });

  it('staff correct the title the host page gave (the thread has no body here)', async () => {
    const made = await threadForPage(prisma, site, 'https://news.example.com/typo', '错别子标题');
    const slug = 'slug' in made ? made.slug : '';
    await updateArticle(prisma, moderator, slug, { title: '更正后的标题', source: '晨报', sourceUrl: 'https://news.example.com/typo', publishedAt: '', body: '' });
    const { rows } = await sql.query('SELECT title, paragraphs FROM articles WHERE slug = $1', [slug]);
    expect(rows[0]).toEqual({ title: '更正后的标题', paragraphs: [] });
  });

  it('an existing article can be bound to a page; a page has one thread', async () => {
    await sql.query("INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ('bind-me', 'Bound', '{}', 'x', now(), now())");
    expect(await bindArticle(prisma, admin, site.id, 'bind-me', 'https://news.example.com/bound?id=3&x=1')).toEqual({ slug: 'bind-me', pageUrl: 'https://news.example.com/bound?id=3' });
    const found = await threadForPage(prisma, site, 'https://news.example.com/bound?x=9&id=3', 'ignored');
    expect(found).toEqual({ slug: 'bind-me' });
    expect((await refusal(bindArticle(prisma, admin, site.id, 'bind-me', 'https://evil.example/a'))).fields).toEqual({ url: 'page_origin' });
    await sql.query("INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ('bind-two', 'Two', '{}', 'x', now(), now())");
    expect((await refusal(bindArticle(prisma, admin, site.id, 'bind-two', 'https://news.example.com/bound?id=3'))).fields).toEqual({ url: 'page_taken' });
    expect((await refusal(bindArticle(prisma, moderator, site.id, 'bind-two', 'https://news.example.com/b2'))).status).toBe(403);
  });
});

describe('single sign-on', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const hs = (claims: Record<string, unknown>, secret = site.ssoSecret) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

  it('a well-signed token makes a member of that site; the same reader is the same member; a token works once', async () => {
    const token = await hs({ sub: 'reader-1', name: '读者一', email: 'r1@news.example.com', iat: now(), exp: now() + 300, jti: 'a1' });
    const claims = await verifySsoToken(site, token);
    expect(await ssoMember(prisma, site, claims)).toBeNull();
    await spendSsoToken(prisma, site, claims, token);
    const id = await signInWithSso(prisma, site, claims);
    expect((await refusal(spendSsoToken(prisma, site, claims, token))).code).toBe('sso_replayed');
    const again = await hs({ sub: 'reader-1', name: '读者一', iat: now(), exp: now() + 300, jti: 'a2' });
    expect(await signInWithSso(prisma, site, await verifySsoToken(site, again))).toBe(id);
    expect(await isSsoMember(prisma, site, id)).toBe(true);
    const { rows } = await sql.query('SELECT display_name, email, password_hash IS NOT NULL AS has_hash, has_password FROM users WHERE id = $1', [id]);
    // The publisher's address is kept with the identity, never made the member's (no joining by address).
    expect(rows[0]).toMatchObject({ display_name: '读者一', email: null, has_password: false });
  });

  it('expired, too long-lived, wrongly signed, unsigned and malformed tokens are refused', async () => {
    expect((await refusal(verifySsoToken(site, await hs({ sub: 'x', iat: now() - 900, exp: now() - 300 })))).code).toBe('sso_expired');
    expect((await refusal(verifySsoToken(site, await hs({ sub: 'x', iat: now(), exp: now() + 86400 })))).code).toBe('sso_invalid');
    expect((await refusal(verifySsoToken(site, await hs({ sub: 'x', exp: now() + 60 }, 'another secret entirely 0123456789')))).code).toBe('sso_invalid');
    expect((await refusal(verifySsoToken(site, await hs({ name: 'no subject', exp: now() + 60 })))).code).toBe('sso_invalid');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', exp: now() + 60 })).toString('base64url')}.`;
    expect((await refusal(verifySsoToken(site, none))).code).toBe('sso_invalid');
    expect((await refusal(verifySsoToken(site, 'garbage'))).code).toBe('sso_invalid');
  });

  it('a banned reader is refused; the same subject on another site is another member', async () => {
    const other = await createSite(prisma, admin, { name: 'Other', origins: 'https://other.example', keepParams: '', jwksUrl: '', defaultLocale: 'en' });
    const mine = await signInWithSso(prisma, site, await verifySsoToken(site, await hs({ sub: 'shared', exp: now() + 60 })));
    const theirs = await signInWithSso(prisma, other, await verifySsoToken(other, await hs({ sub: 'shared', exp: now() + 60 }, other.ssoSecret)));
    expect(theirs).not.toBe(mine);
    await sql.query("UPDATE users SET status = 'banned' WHERE id = $1", [mine]);
    expect((await refusal(signInWithSso(prisma, site, await verifySsoToken(site, await hs({ sub: 'shared', exp: now() + 60 }))))).code).toBe('banned_sign_in');
  });

  describe('RS256 with the publisher\'s JWKS', () => {
    let server: http.Server;
    let url = '';
    let key: CryptoKey;
    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      key = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
    });
    afterAll(() => server.close());

    it('a token signed with the key verifies; one signed with another key does not', async () => {
      const rs = await updateSite(prisma, admin, site.id, { name: site.name, origins: site.origins, keepParams: site.keepParams, jwksUrl: url, defaultLocale: 'zh-CN' });
      const token = await new SignJWT({ sub: 'rs-reader', name: 'RS' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuedAt().setExpirationTime('5m').sign(key);
      expect((await verifySsoToken(rs, token)).sub).toBe('rs-reader');
      const stranger = (await generateKeyPair('RS256')).privateKey;
      const forged = await new SignJWT({ sub: 'rs-reader' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setExpirationTime('5m').sign(stranger);
      expect((await refusal(verifySsoToken(rs, forged))).code).toBe('sso_invalid');
      // HS256 with the site's secret still works beside it.
      expect((await verifySsoToken(rs, await hs({ sub: 'h', exp: now() + 60 }, rs.ssoSecret))).sub).toBe('h');
    });
  });
});

describe('the frame\'s grant from the first-party window', () => {
  it('works once, for a minute, for a member who may sign in', async () => {
    const [m] = await createMembers(sql, 'granted', 1);
    const code = await issueGrant(prisma, m.id);
    expect(await redeemGrant(prisma, code)).toBe(m.id);
    expect((await refusal(redeemGrant(prisma, code))).code).toBe('grant_invalid');
    const late = await issueGrant(prisma, m.id);
    await sql.query("UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'embed' AND used_at IS NULL");
    expect((await refusal(redeemGrant(prisma, late))).code).toBe('grant_invalid');
    expect((await refusal(redeemGrant(prisma, 'made-up'))).code).toBe('grant_invalid');
    await sql.query("UPDATE users SET status = 'banned' WHERE id = $1", [m.id]);
    expect((await refusal(frameMember(prisma, m.id))).code).toBe('banned_sign_in');
  });
});

describe('imports', () => {
  it('comment HTML becomes text', () => {
    expect(htmlToText('<p>a &amp; b</p><p>c<br>d</p>')).toBe('a & b\n\nc\nd');
    expect(htmlToText('<a href="https://x.example/">https://x.example/</a> <b>bold</b>&#x4e2d;')).toBe('https://x.example/ bold中');
  });

  it('a Disqus export: threads by page, replies under their parents, spam and deleted left out; a second run adds nothing', async () => {
    const threads = parseDisqus(fs.readFileSync('tests/fixtures/disqus-export.xml', 'utf8'));
    expect(threads.map((t) => [t.url, t.comments.length])).toEqual([
      ['https://news.example.com/2024/05/bridge.html?utm_source=feed#comments', 3],
      ['https://news.example.com/2024/05/rain/', 1],
    ]);
    const first = await importThreads(prisma, 'disqus', threads, { site });
    expect(first).toMatchObject({ threads: 2, threadsCreated: 2, commentsCreated: 4 });
    const again = await importThreads(prisma, 'disqus', parseDisqus(fs.readFileSync('tests/fixtures/disqus-export.xml', 'utf8')), { site });
    expect(again).toMatchObject({ threadsCreated: 0, commentsCreated: 0 });
    // The embed finds the imported thread by the page's address.
    const found = await threadForPage(prisma, site, 'https://news.example.com/2024/05/bridge.html', 'x');
    const slug = 'slug' in found ? found.slug : '';
    const { rows } = await sql.query(
      `SELECT c.body, c.depth, p.body AS parent, u.display_name AS author, u.password_hash IS NULL AS cannot_sign_in, c.created_at
       FROM comments c JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = c.author_id LEFT JOIN comments p ON p.id = c.parent_id
       WHERE a.slug = $1 ORDER BY c.created_at`,
      [slug],
    );
    expect(rows.map((r) => [r.body, r.depth, r.parent, r.author, r.cannot_sign_in])).toEqual([
      ['终于通车了！\n\n第二段\n换行', 0, null, '老王', true],
      ['同意 来源 (https://example.org/x) & 谢谢', 1, '终于通车了！\n\n第二段\n换行', 'Lily', true],
      // Its parent (deleted) is left out: it hangs from the comment above that one.
      ['reply to a deleted one', 1, '终于通车了！\n\n第二段\n换行', '老王', true],
    ]);
    expect(rows[0].created_at.toISOString()).toBe('2024-05-01T09:00:00.000Z');
    const { rows: counts } = await sql.query('SELECT a.comment_count, a.title, (SELECT reply_count FROM comments WHERE article_id = a.id AND depth = 0) AS replies FROM articles a WHERE slug = $1', [slug]);
    expect(counts[0]).toEqual({ comment_count: 3, title: '新大桥通车', replies: 2 });
    // A later export with one more reply to the first comment: only that is added, and counted.
    const later = fs.readFileSync('tests/fixtures/disqus-export.xml', 'utf8').replace('</disqus>', `<post dsq:id="5007"><message><![CDATA[<p>后来的回复</p>]]></message><createdAt>2024-05-03T09:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Lily</name></author><thread dsq:id="1001"/><parent dsq:id="5001"/></post></disqus>`);
    expect(await importThreads(prisma, 'disqus', parseDisqus(later), { site })).toMatchObject({ commentsCreated: 1 });
    const { rows: after } = await sql.query('SELECT a.comment_count, c.reply_count, c.thread_reply_count FROM articles a JOIN comments c ON c.article_id = a.id AND c.depth = 0 WHERE a.slug = $1', [slug]);
    expect(after[0]).toEqual({ comment_count: 4, reply_count: 3, thread_reply_count: 3 });
  });

  it('a WordPress WXR file: approved comments visible with their likes, waiting ones held, spam and pingbacks out', async () => {
    const threads = parseWxr(fs.readFileSync('tests/fixtures/wordpress-export.xml', 'utf8'));
    const result = await importThreads(prisma, 'wordpress', threads);
    expect(result).toMatchObject({ threads: 2, threadsCreated: 2, commentsCreated: 3 });
    const { rows } = await sql.query(
      `SELECT c.body, c.status, c.like_count, c.depth, a.title, a.source_url, a.comment_count FROM comments c JOIN articles a ON a.id = c.article_id
       WHERE c.external_id LIKE 'wordpress:%' ORDER BY c.created_at`,
    );
    expect(rows).toEqual([
      { body: '几点开始？', status: 'visible', like_count: 4, depth: 0, title: '周末集市', source_url: 'https://blog.example.net/2024/06/market', comment_count: 2 },
      { body: '早上九点。\nWelcome!', status: 'visible', like_count: 0, depth: 1, title: '周末集市', source_url: 'https://blog.example.net/2024/06/market', comment_count: 2 },
      { body: 'not approved yet', status: 'held', like_count: 0, depth: 0, title: '周末集市', source_url: 'https://blog.example.net/2024/06/market', comment_count: 2 },
    ]);
    expect((await importThreads(prisma, 'wordpress', threads)).commentsCreated).toBe(0);
  });

  it('npm run import -- --from wordpress FILE --site ID: progress on stderr, a summary; a file that is not an export imports nothing', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, [path.join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), 'scripts/import.ts', ...args], { env: { ...process.env, DATABASE_URL: url } });
    const other = await createSite(prisma, admin, { name: 'Town', origins: 'https://blog.example.net', keepParams: '', jwksUrl: '', defaultLocale: 'zh-CN' });
    const first = await cli('--from', 'wordpress', 'tests/fixtures/wordpress-export.xml', '--site', other.id);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.trim().split('\n').at(-1)).toBe('wordpress: 2 threads (2 new), 3 comments imported, 0 already here');
    expect(first.stderr).toMatch(/parsed: 2 threads, 3 comments/);
    const { rows } = await sql.query('SELECT count(*)::int AS n FROM articles WHERE site_id = $1', [other.id]);
    expect(rows[0].n).toBe(2);
    const again = await cli('--from', 'wordpress', 'tests/fixtures/wordpress-export.xml', '--site', other.id);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('wordpress: 2 threads (0 new), 0 comments imported, 3 already here');
    const wrong = await cli('--from', 'disqus', 'tests/fixtures/wordpress-export.xml');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('not a Disqus export');
    expect(wrong.stderr).toContain('Nothing was imported.');
    const noSite = await cli('--from', 'disqus', 'tests/fixtures/disqus-export.xml', '--site', 'snosuchsite');
    expect(noSite.status).toBe(1);
    expect(noSite.stderr).toContain('There is no site snosuchsite');
  }, 120_000);

  it('100 000 comments from a Disqus export: every one in its thread under its parent, counted; again adds nothing', async () => {
    const posts: string[] = [];
    const threadsXml: string[] = [];
    for (let t = 0; t < 500; t++) threadsXml.push(`<thread dsq:id="t${t}"><link>https://big.example/p/${t}</link><title>Page ${t}</title><createdAt>2024-01-01T00:00:00Z</createdAt></thread>`);
    for (let i = 0; i < 100_000; i++) {
      const t = i % 500;
      const parent = i >= 1000 && i % 3 === 0 ? `<parent dsq:id="p${i - 1000}"/>` : '';
      posts.push(`<post dsq:id="p${i}"><message><![CDATA[<p>评论 ${i} 号</p>]]></message><createdAt>2024-01-0${1 + (i % 9)}T00:00:${String(i % 60).padStart(2, '0')}Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>读者${i % 2000}</name></author><thread dsq:id="t${t}"/>${parent}</post>`);
    }
    const xml = `<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">${threadsXml.join('')}${posts.join('')}</disqus>`;
    // (Its speed is measured by npm run bench, not asserted here.)
    const result = await importThreads(prisma, 'disqus', parseDisqus(xml));
    expect(result).toMatchObject({ threads: 500, commentsCreated: 100_000 });
    const { rows } = await sql.query(`SELECT count(*)::int AS n, sum(a.comment_count)::int AS counted FROM articles a WHERE a.source_url LIKE 'https://big.example/%'`);
    expect(rows[0]).toEqual({ n: 500, counted: 100_000 });
    const { rows: orphans } = await sql.query(`SELECT count(*)::int AS n FROM comments c JOIN comments p ON p.id = c.parent_id WHERE c.external_id LIKE 'disqus:p%' AND (p.article_id <> c.article_id)`);
    expect(orphans[0].n).toBe(0);
    expect((await importThreads(prisma, 'disqus', parseDisqus(xml))).commentsCreated).toBe(0);
  }, 180_000);
});
