import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { queueItemJson } from '@/lib/api/mod-json.ts';
import { listQueue, QUEUE_TABS } from '@/lib/moderation/queue.ts';

const query = z.object({
  tab: z.enum(QUEUE_TABS).default('reported'),
  cursor: z.string().min(1).optional(),
  /** One thread's queue. */
  article: z.string().min(1).max(200).optional(),
  /** For tab=member: whose comments. */
  username: z.string().min(1).max(64).optional(),
});

export const GET = handle(async (req: NextRequest) => {
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await listQueue(db(), await currentMember(), q.tab, q.cursor, { article: q.article, username: q.username });
  return NextResponse.json({ items: page.items.map(queueItemJson), nextCursor: page.nextCursor });
});
