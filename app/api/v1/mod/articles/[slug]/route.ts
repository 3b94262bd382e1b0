import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { staffWriter } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { moderateArticle } from '@/lib/moderation/moderate-article.ts';
import { updateArticle } from '@/lib/articles/publish.ts';
import { isoChinaTime } from '@/lib/time.ts';

export const POST = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/mod/articles/[slug]'>) => {
  const member = await staffWriter(req, 'mod:article');
  const { slug } = await ctx.params;
  const input = await readJsonObject(req);
  const a = await moderateArticle(db(), member, slug, input.action, input.reason);
  return NextResponse.json({ article: { slug: a.slug, locked: a.locked, premod: a.premod } });
});

/**
 * PATCH { title?, source?, sourceUrl?, publishedAt?, body?, published? } → { article }: staff
 * edit an article; `published: false` takes it down (readers get 404), `true` puts it back.
 */
export const PATCH = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/mod/articles/[slug]'>) => {
  const member = await staffWriter(req, 'mod:publish');
  const { slug } = await ctx.params;
  const a = await updateArticle(db(), member, slug, await readJsonObject(req));
  return NextResponse.json({ article: { slug: a.slug, title: a.title, publishedAt: isoChinaTime(a.publishedAt), published: a.published } });
});
