// Reach: feeds, the sitemap, robots.txt, and what a thread page tells search engines and
// link previews (canonical address, Open Graph, JSON-LD).
import { test, expect, SEED_SLUG } from './fixtures.ts';

test('the site and thread feeds are Atom with the threads and the visible comments', async ({ request, sql }) => {
  // The most recently active thread leads the site feed (other tests add threads meanwhile).
  const slug = `feed-${Date.now().toString(36)}`;
  await sql.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '订阅里的话题', ARRAY['正文'], '测试', now(), now() + interval '1 day')`, [slug]);
  const site = await request.get('/feed.xml');
  expect(site.status()).toBe(200);
  expect(site.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  const siteXml = await site.text();
  expect(siteXml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(siteXml.match(/<entry>\s*<id>([^<]+)<\/id>/)![1]).toMatch(new RegExp(`/articles/${slug}$`));
  expect((siteXml.match(/<entry>/g) ?? []).length).toBeLessThanOrEqual(50);
  const thread = await (await request.get(`/articles/${SEED_SLUG}/feed.xml`)).text();
  expect(thread.match(/<entry>/g)).toHaveLength(15);
  expect(thread).toContain('<author><name>留一半清醒一半醉</name></author>');
  expect((await request.get('/articles/no-such-thread/feed.xml')).status()).toBe(404);
});

test('robots.txt keeps crawlers out of staff and account pages and names the sitemap, which lists the threads', async ({ request, baseURL }) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Disallow: /mod');
  expect(robots).toContain('Disallow: /settings');
  expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain(`<loc>${baseURL}/articles/${SEED_SLUG}</loc>`);
});

test('a thread page: one canonical address for every sort, Open Graph and Twitter tags, and JSON-LD of its visible comments', async ({ page }) => {
  for (const sort of ['top', 'new', 'hot']) {
    await page.goto(`/articles/${SEED_SLUG}?sort=${sort}`);
    await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', `/articles/${SEED_SLUG}`);
  }
  await expect(page.locator('head meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('head meta[property="og:title"]')).toHaveAttribute('content', /^美媒/);
  await expect(page.locator('head meta[name="twitter:card"]')).toHaveAttribute('content', 'summary');
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'DiscussionForumPosting', headline: expect.stringMatching(/^美媒/), interactionStatistic: { userInteractionCount: 15 } });
  expect(data.comment).toHaveLength(13);
  const first = data.comment.find((c: { author: { name: string } }) => c.author.name === '留一半清醒一半醉');
  expect(first).toMatchObject({ '@type': 'Comment', dateCreated: '2026-02-17T10:24:00+08:00', interactionStatistic: { interactionType: 'https://schema.org/LikeAction', userInteractionCount: 14 } });
  expect(first.comment).toHaveLength(1);
  expect(first.comment[0].author.name).toBe('开心就好');
});

test('staff pages are never indexed', async ({ page, member, signIn }) => {
  await signIn(await member({ role: 'moderator' }));
  await page.goto('/mod');
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', /noindex/);
});
