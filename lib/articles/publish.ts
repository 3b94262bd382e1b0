// Staff publish articles here (the import command remains for pages of the seed's shape):
// write, edit, take down and put back. Checked, stored and logged together; a refused
// article stores nothing.
import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { DomainError, invalid, notFoundError } from '../errors.ts';
import { assertCan, type Actor } from '../policy.ts';
import { fieldCodes } from '../zod-fields.ts';
import { logAction } from '../moderation/log.ts';
import { articleChanged, articleVisibilityChanged } from '../cache/invalidate.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { storable } from '../text/storable.ts';

export const BODY_MAX = 50_000;
const text = (max: number, code: string) =>
  z
    .string({ error: `${code}_required` })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => s.length > 0, `${code}_required`)
    .refine((s) => [...s].length <= max, `${code}_long`)
    .refine((s) => storable(s) && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), `${code}_chars`);
const url = z
  .string()
  .trim()
  .max(2000, 'source_url_invalid')
  .refine((v) => {
    if (!v) return true;
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'source_url_invalid')
  .transform((v) => v || null);
// A time as the form sends it ("2026-02-17T10:24", China time) or ISO 8601 with an offset.
const when = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return null;
    const d = new Date(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(v) ? `${v}+08:00` : v);
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999) {
      ctx.addIssue({ code: 'custom', message: 'published_at_invalid' });
      return z.NEVER;
    }
    return d;
  });
const slug = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'slug_invalid');

const fields = {
  title: text(200, 'title'),
  source: text(100, 'source'),
  sourceUrl: url.optional(),
  publishedAt: when.optional(),
  body: text(BODY_MAX, 'article_body'),
};
export const newArticleSchema = z.object({ ...fields, slug: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()) });
export const articleChangesSchema = z.object({
  title: fields.title.optional(),
  source: fields.source.optional(),
  sourceUrl: fields.sourceUrl,
  publishedAt: fields.publishedAt,
  body: fields.body.optional(),
  published: z.boolean({ error: 'published_invalid' }).optional(),
});

/** The body's paragraphs: separated by blank lines (single line breaks stay inside one). */
export const paragraphsOf = (body: string) => body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

/** Who may publish now: 'staff' (the default) or 'admins'. */
export async function publishers(prisma: Pick<Db, 'setting'>): Promise<'staff' | 'admins'> {
  const row = await prisma.setting.findUnique({ where: { key: 'publishing' } });
  return (row?.value as { who?: string } | null)?.who === 'admins' ? 'admins' : 'staff';
}

/** Who may publish: staff (the default) or admins only, as an admin decides. */
export async function assertMayPublish(prisma: Pick<Db, 'setting'>, actor: Actor | null): Promise<Actor> {
  assertCan(actor, 'mod:publish');
  if ((await publishers(prisma)) === 'admins' && actor.role !== 'admin') throw new DomainError(403, 'forbidden');
  return actor;
}

export async function setPublishers(prisma: Db, actor: Actor | null, who: unknown) {
  assertCan(actor, 'admin:settings');
  if (who !== 'staff' && who !== 'admins') throw invalid({ who: 'publishers_invalid' });
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: 'publishing' }, create: { key: 'publishing', value: { who } }, update: { value: { who } } });
    await logAction(tx, { moderatorId: actor.id, action: 'settings:publishing', details: { who } });
  });
  return { who };
}

export async function createArticle(prisma: Db, who: Actor | null, input: unknown) {
  const actor = await assertMayPublish(prisma, who);
  const parsed = newArticleSchema.safeParse(input);
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  const a = parsed.data;
  const now = new Date();
  const publishedAt = a.publishedAt ?? now;
  const chosen = a.slug ?? crypto.createHash('sha256').update(`${a.source}\n${a.title}\n${now.toISOString()}`).digest('hex').slice(0, 12);
  const paragraphs = paragraphsOf(a.body);
  try {
    const article = await prisma.$transaction(async (tx) => {
      const created = await tx.article.create({
        data: {
          slug: chosen,
          title: a.title,
          summary: [...paragraphs[0]].slice(0, 140).join(''),
          paragraphs,
          sourceSite: a.source,
          sourceUrl: a.sourceUrl ?? null,
          publishedAt,
          lastActivityAt: publishedAt > now ? now : publishedAt,
          publishedById: actor.id,
        },
        select: { id: true, slug: true, title: true, publishedAt: true },
      });
      await logAction(tx, { moderatorId: actor.id, action: 'article:publish', articleId: created.id });
      return created;
    });
    articleVisibilityChanged(article.id);
    return { ...article, scheduled: publishedAt > now };
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid({ slug: 'slug_taken' });
    throw err;
  }
}

/** Edits an article, or takes it down (`published: false`) or puts it back (`true`). */
export async function updateArticle(prisma: Db, who: Actor | null, slugValue: string, input: unknown) {
  const actor = await assertMayPublish(prisma, who);
  // A thread under a publisher's page has no body here (the page is the article): its title is
  // corrected with the body left empty.
  if (input && typeof input === 'object' && (input as { body?: unknown }).body === '') {
    const a = await prisma.article.findUnique({ where: { slug: slugValue }, select: { siteId: true, paragraphs: true } });
    if (a?.siteId && a.paragraphs.length === 0) input = { ...(input as object), body: undefined };
  }
  const parsed = articleChangesSchema.safeParse(input);
  if (!parsed.success) throw invalid(fieldCodes(parsed.error));
  const c = parsed.data;
  let visibilityChanged = false;
  const article = await prisma.$transaction(async (tx) => {
    const found = await tx.article.findUnique({ where: { slug: slugValue }, select: { id: true, unpublishedAt: true } });
    if (!found) throw notFoundError('article_not_found');
    const paragraphs = c.body !== undefined ? paragraphsOf(c.body) : undefined;
    const updated = await tx.article.update({
      where: { id: found.id },
      data: {
        ...(c.title !== undefined ? { title: c.title } : {}),
        ...(c.source !== undefined ? { sourceSite: c.source } : {}),
        ...(c.sourceUrl !== undefined ? { sourceUrl: c.sourceUrl } : {}),
        ...(c.publishedAt ? { publishedAt: c.publishedAt } : {}),
        ...(paragraphs ? { paragraphs, summary: [...paragraphs[0]].slice(0, 140).join('') } : {}),
        ...(c.published === false ? { unpublishedAt: found.unpublishedAt ?? new Date() } : c.published === true ? { unpublishedAt: null } : {}),
      },
      select: { id: true, slug: true, title: true, publishedAt: true, unpublishedAt: true },
    });
    visibilityChanged = (found.unpublishedAt === null) !== (updated.unpublishedAt === null);
    const action = c.published === false && !found.unpublishedAt ? 'article:unpublish' : c.published === true && found.unpublishedAt ? 'article:republish' : 'article:edit';
    await logAction(tx, { moderatorId: actor.id, action, articleId: found.id });
    return updated;
  });
  if (visibilityChanged) articleVisibilityChanged(article.id);
  else articleChanged(article.id);
  return { slug: article.slug, title: article.title, publishedAt: article.publishedAt, published: article.unpublishedAt === null };
}

/** An article as staff edit it (taken-down ones too). */
export async function articleForEditing(prisma: Db, actor: Actor | null, slugValue: string) {
  await assertMayPublish(prisma, actor);
  const a = await prisma.article.findUnique({
    where: { slug: slugValue },
    select: { slug: true, title: true, sourceSite: true, sourceUrl: true, publishedAt: true, paragraphs: true, unpublishedAt: true },
  });
  if (!a) throw notFoundError('article_not_found');
  return a;
}
