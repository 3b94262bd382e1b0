// Accessibility, checked by axe-core on every kind of page: both languages, light and dark,
// desktop and phone widths, signed out and signed in, with a form's error state open.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, SEED_SLUG, signInContext, MEMBER_PASSWORD } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { generateThread } from '../tests/support/generate-thread.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`);
}

const readerPages = ['/', `/articles/${SEED_SLUG}`, `/articles/${SEED_SLUG}?sort=hot`, `/articles/${SEED_SLUG}/comments/1`, '/signin', '/signup', '/forgot-password', '/reset-password?token=nothing-here', '/verify-email?token=nothing-here', '/u/%E5%BC%80%E5%BF%83%E5%B0%B1%E5%A5%BD', `/search?q=${encodeURIComponent('美国 中国')}`, `/search?q=${encodeURIComponent('没有这样的词语组合')}`];
const memberPages = [`/articles/${SEED_SLUG}`, '/notifications', '/settings'];
const staffPages = ['/mod', '/mod?tab=held', '/mod/members', '/mod/threads', '/mod/log', '/mod/words', '/mod/sites', `/mod/search?q=${encodeURIComponent('微信')}`, '/mod/dashboard', '/mod/dashboard?range=24h'];

for (const locale of ['zh-CN', 'en'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 390]) {
      test(`axe: no violations (${locale}, ${colorScheme}, ${width} px)`, async ({ browser, baseURL, member, sql }) => {
        // About 30 pages, each analysed by axe: nearly two minutes with two workers on a 2-core machine (a CI-like run had five of eight past 120 s).
        test.setTimeout(300_000);
        const found: string[] = [];
        const check = async (page: Page, path: string, who: string) => {
          await page.goto(path);
          for (const v of await violations(page)) found.push(`${who} ${path}: ${v}`);
        };
        const open = async (who: { id: number } | null) => {
          const context = await browser.newContext({ locale, colorScheme, viewport: { width, height: 900 }, baseURL });
          if (who) await signInContext(context, baseURL!, who);
          return { context, page: await context.newPage() };
        };
        const reader = await open(null);
        for (const path of readerPages) await check(reader.page, path, 'reader');
        // A refused sign-in, its error shown.
        await reader.page.goto('/signin');
        await reader.page.locator('input[name="username"]').fill('nobody_at_all');
        await reader.page.locator('input[name="password"]').fill(MEMBER_PASSWORD);
        await reader.page.locator('form.auth-form button[type="submit"]').click();
        await expect(reader.page.locator('.auth-form .form-error')).not.toBeEmpty();
        for (const v of await violations(reader.page)) found.push(`reader /signin (refused): ${v}`);
        await reader.context.close();

        const m = await open(await member());
        for (const path of memberPages) await check(m.page, path, 'member');
        // The reply and report forms open, a refused comment's error shown.
        await m.page.goto(`/articles/${SEED_SLUG}`);
        await m.page.locator('.comment-list > li').first().locator('> article .reply-box > summary').click();
        await m.page.locator('.comment-list > li').first().locator('> article .more-menu > summary').click();
        await m.page.locator('.comment-list > li').first().locator('> article .report-box > summary').click();
        const compose = m.page.locator('.compose').first();
        await compose.locator('textarea').fill('长'.repeat(2001));
        await compose.locator('button[type="submit"]').click();
        await expect(compose.locator('.form-error')).not.toBeEmpty();
        for (const v of await violations(m.page)) found.push(`member thread (forms open): ${v}`);
        await m.context.close();

        // The members' shared page with a comment of theirs held and another removed, drawn for them alone.
        const slug = `a11y-own-${Date.now().toString(36)}-${locale}-${colorScheme}-${width}`;
        const { articleId } = await generateThread(sql, { slug, topLevel: 2 });
        const author = await member();
        await sql.query(
          `INSERT INTO comments (article_id, author_id, body, status, status_reason) VALUES ($1, $2, '等待审核的评论', 'held', NULL), ($1, $2, '被删除的评论', 'removed', '离题')`,
          [articleId, author.id],
        );
        const own = await open(author);
        await own.page.goto(`/articles/${slug}`);
        await expect(own.page.locator('li[data-own-card]')).toHaveCount(2);
        for (const v of await violations(own.page)) found.push(`member thread (own held and removed comments): ${v}`);
        await own.context.close();

        // A thread under a publisher's page, as its frame shows it (issue 22), and the sites page with a site on it.
        const site = `s${Date.now().toString(36).slice(-6)}${locale === 'en' ? 'e' : 'z'}${colorScheme[0]}${width === 390 ? 'p' : 'd'}x`.slice(0, 11);
        const framed = await generateThread(sql, { slug: `a11y-embed-${site}`, topLevel: 2 });
        await sql.query(`INSERT INTO sites (id, name, origins, sso_secret, updated_at) VALUES ($1, '晨报', '{https://news.example.com}', 'secret', now()) ON CONFLICT (id) DO NOTHING`, [site]);
        await sql.query(`UPDATE articles SET site_id = $1, page_url = $2 WHERE id = $3`, [site, `https://news.example.com/${site}`, framed.articleId]);
        const embedReader = await open(null);
        await check(embedReader.page, `/embed/${site}/${locale}/a11y-embed-${site}`, 'reader (embedded)');
        await embedReader.context.close();

        const admin = await open(await member({ role: 'admin' }));
        for (const path of staffPages) await check(admin.page, path, 'admin');
        await admin.context.close();
        expect(found).toEqual([]);
      });
    }
  }
}
