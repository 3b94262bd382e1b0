import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { staffWriter } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { moderateArticle } from '@/lib/moderation/moderate-article.ts';

export const POST = handle(async (req: NextRequest, ctx: RouteContext<'/api/v1/mod/articles/[slug]'>) => {
  const member = await staffWriter(req, 'mod:article');
  const { slug } = await ctx.params;
  const input = await readJsonObject(req);
  const a = await moderateArticle(db(), member, slug, input.action, input.reason);
  return NextResponse.json({ article: { slug: a.slug, locked: a.locked, premod: a.premod } });
});
