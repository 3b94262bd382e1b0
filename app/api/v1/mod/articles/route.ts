import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { handle } from '@/lib/api/errors.ts';
import { staffWriter } from '@/lib/api/member.ts';
import { readJsonObject } from '@/lib/api/read-json.ts';
import { createArticle } from '@/lib/articles/publish.ts';
import { isoChinaTime } from '@/lib/time.ts';

/**
 * POST { title, source, body, sourceUrl?, publishedAt?, slug? } → 201 { article }: staff publish
 * an article (paragraphs separated by blank lines; a future time is allowed: "scheduled").
 */
export const POST = handle(async (req: NextRequest) => {
  const member = await staffWriter(req, 'mod:publish');
  const a = await createArticle(db(), member, await readJsonObject(req));
  return NextResponse.json({ article: { slug: a.slug, title: a.title, publishedAt: isoChinaTime(a.publishedAt), scheduled: a.scheduled } }, { status: 201 });
});
