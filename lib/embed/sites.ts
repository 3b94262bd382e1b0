// Publishers' sites (issue 22): the pages of each may frame Yilun's threads (embed.js), have a
// thread made on their first view, and sign their readers in (lib/embed/sso.ts). Admins keep
// them on /mod/sites; every change is in the audit log.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { DomainError, invalid, notFoundError } from '../errors.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { fieldCodes } from '../zod-fields.ts';
import { logAction } from '../moderation/log.ts';
import { articleVisibilityChanged } from '../cache/invalidate.ts';
import { canonicalPageUrl, normalOrigin, originOf } from './canonical-url.ts';
import { asSite, forgetPages, forgetSite, isSiteId, memo, PAGE_TTL_MS, SELECT, type Site } from './site-lookup.ts';

export { isSiteId, siteById, type Site } from './site-lookup.ts';

/** A list typed one per line (or separated by spaces or commas). */
const list = (raw: unknown) => (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean);

export const siteInputSchema = z.object({
  name: z.string().trim().min(1, { error: 'site_name' }).max(80, { error: 'site_name' }),
  origins: z.preprocess(
    list,
    z
      .array(z.string().transform((s, ctx) => normalOrigin(s) ?? (ctx.addIssue({ code: 'custom', message: 'site_origins' }), z.NEVER)))
      .min(1, { error: 'site_origins' })
      .max(20, { error: 'site_origins' }),
  ),
  keepParams: z.preprocess(list, z.array(z.string().regex(/^[A-Za-z0-9_.\-[\]]{1,40}$/, { error: 'site_params' })).max(20, { error: 'site_params' })),
  jwksUrl: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim() : null),
    z.string().url({ error: 'site_jwks' }).refine((u) => /^https?:\/\//.test(u), { error: 'site_jwks' }).nullable(),
  ),
  defaultLocale: z.enum(['zh-CN', 'en'], { error: 'site_locale' }),
});

/** The refusal of a site's form: one code per field (a list's item names its list). */
const siteRefusal = (err: z.ZodError) => {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(fieldCodes(err))) fields[k.split('.')[0]] ??= v;
  return invalid(fields);
};

const newId = () => `s${crypto.randomBytes(8).readBigUInt64BE().toString(36).padStart(10, '0').slice(-10)}`;
const newSecret = () => crypto.randomBytes(32).toString('base64url');
export async function listSites(prisma: Db, actor: Actor | null): Promise<(Site & { threads: number })[]> {
  assertCan(actor, 'admin:settings');
  const rows = await prisma.site.findMany({ orderBy: { createdAt: 'asc' }, select: { ...SELECT, _count: { select: { articles: true } } } });
  return rows.map(({ _count, ...r }) => ({ ...asSite(r), threads: _count.articles }));
}

export async function createSite(prisma: Db, actor: Actor | null, input: unknown): Promise<Site> {
  assertCan(actor, 'admin:settings');
  const parsed = siteInputSchema.safeParse(input);
  if (!parsed.success) throw siteRefusal(parsed.error);
  const site = await prisma.$transaction(async (tx) => {
    const row = await tx.site.create({ data: { id: newId(), ssoSecret: newSecret(), ...parsed.data, origins: [...new Set(parsed.data.origins)] }, select: SELECT });
    await logAction(tx, { moderatorId: actor.id, action: 'site:create', details: { site: row.id, name: row.name, origins: row.origins } });
    return row;
  });
  forgetSite(site.id);
  return asSite(site);
}

export async function updateSite(prisma: Db, actor: Actor | null, id: unknown, input: unknown): Promise<Site> {
  assertCan(actor, 'admin:settings');
  if (!isSiteId(id)) throw notFoundError('site_not_found');
  const parsed = siteInputSchema.safeParse(input);
  if (!parsed.success) throw siteRefusal(parsed.error);
  const site = await prisma.$transaction(async (tx) => {
    const found = await tx.site.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw notFoundError('site_not_found');
    const row = await tx.site.update({ where: { id }, data: { ...parsed.data, origins: [...new Set(parsed.data.origins)] }, select: SELECT });
    await logAction(tx, { moderatorId: actor.id, action: 'site:update', details: { site: id, name: row.name, origins: row.origins, keepParams: row.keepParams, jwksUrl: row.jwksUrl } });
    return row;
  });
  forgetSite(id);
  return asSite(site);
}

/** A new single sign-on secret: tokens signed with the old one stop working at once. */
export async function rotateSsoSecret(prisma: Db, actor: Actor | null, id: unknown): Promise<void> {
  assertCan(actor, 'admin:settings');
  if (!isSiteId(id)) throw notFoundError('site_not_found');
  await prisma.$transaction(async (tx) => {
    const n = await tx.site.updateMany({ where: { id }, data: { ssoSecret: newSecret() } });
    if (!n.count) throw notFoundError('site_not_found');
    await logAction(tx, { moderatorId: actor.id, action: 'site:rotate-secret', details: { site: id } });
  });
  forgetSite(id);
}

/**
 * Binds an existing article to a page of the site: the embed on that page shows its thread.
 * A page has one thread: an address bound to another article is refused.
 */
export async function bindArticle(prisma: Db, actor: Actor | null, siteId: unknown, slug: unknown, url: unknown): Promise<{ slug: string; pageUrl: string }> {
  assertCan(actor, 'admin:settings');
  if (!isSiteId(siteId)) throw notFoundError('site_not_found');
  const site = await prisma.site.findUnique({ where: { id: siteId }, select: SELECT });
  if (!site) throw notFoundError('site_not_found');
  const pageUrl = typeof url === 'string' ? canonicalPageUrl(url, site.keepParams) : null;
  if (!pageUrl) throw invalid({ url: 'page_url' });
  if (!site.origins.includes(originOf(pageUrl))) throw invalid({ url: 'page_origin' }, { origin: originOf(pageUrl) });
  const article = typeof slug === 'string' ? await prisma.article.findUnique({ where: { slug: slug.trim() }, select: { id: true, slug: true } }) : null;
  if (!article) throw invalid({ slug: 'article_not_found' });
  try {
    await prisma.$transaction(async (tx) => {
      await tx.article.update({ where: { id: article.id }, data: { siteId, pageUrl } });
      await logAction(tx, { moderatorId: actor.id, action: 'site:bind', articleId: article.id, details: { site: siteId, url: pageUrl } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid({ url: 'page_taken' });
    throw err;
  }
  forgetPages(siteId);
  articleVisibilityChanged(article.id);
  return { slug: article.slug, pageUrl };
}

export type PageRefusal = { code: 'page_url' } | { code: 'page_origin'; origin: string };

/** A page's title as the host sent it, cut to a title's length. */
const cleanTitle = (title: unknown, fallback: string) => {
  const t = typeof title === 'string' ? title.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  return t || fallback;
};

/**
 * The thread of a page of the site: found by its canonical address, or made on its first view
 * (titled as the host page says: staff can correct it). Pages of other origins are refused.
 */
export async function threadForPage(prisma: Db, site: Site, rawUrl: unknown, title: unknown): Promise<{ slug: string } | PageRefusal> {
  const pageUrl = typeof rawUrl === 'string' ? canonicalPageUrl(rawUrl, site.keepParams) : null;
  if (!pageUrl) return { code: 'page_url' };
  const origin = originOf(pageUrl);
  if (!site.origins.includes(origin)) return { code: 'page_origin', origin };
  const key = `${site.id} ${pageUrl}`;
  const held = memo().pages.get(key);
  if (held && Date.now() - held.at < PAGE_TTL_MS) return { slug: held.value };
  const remember = (slug: string) => {
    const pages = memo().pages;
    if (pages.size > 10_000) pages.clear();
    pages.set(key, { value: slug, at: Date.now() });
    return { slug };
  };
  const found = await prisma.article.findUnique({ where: { siteId_pageUrl: { siteId: site.id, pageUrl } }, select: { slug: true } });
  if (found) return remember(found.slug);
  const slug = `${site.id}-${crypto.createHash('sha256').update(pageUrl).digest('hex').slice(0, 12)}`;
  const now = new Date();
  try {
    const made = await prisma.$transaction(async (tx) => {
      const article = await tx.article.create({
        data: { slug, title: cleanTitle(title, new URL(pageUrl).pathname), paragraphs: [], sourceSite: site.name, sourceUrl: pageUrl, siteId: site.id, pageUrl, publishedAt: now, lastActivityAt: now },
        select: { id: true },
      });
      await logAction(tx, { moderatorId: null, action: 'site:thread', articleId: article.id, details: { site: site.id, url: pageUrl } });
      return article;
    });
    articleVisibilityChanged(made.id);
  } catch (err) {
    // Made by another request at the same moment, or the slug bound under another address.
    if (!isUniqueViolation(err)) throw err;
    const again = await prisma.article.findUnique({ where: { siteId_pageUrl: { siteId: site.id, pageUrl } }, select: { slug: true } });
    if (!again) throw new DomainError(409, 'page_taken');
    return remember(again.slug);
  }
  return remember(slug);
}
