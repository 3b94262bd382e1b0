import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { handle } from '@/lib/api/errors.ts';
import { queueItemJson } from '@/lib/api/mod-json.ts';
import { listQueue, QUEUE_TABS } from '@/lib/moderation/queue.ts';

const query = z.object({ tab: z.enum(QUEUE_TABS).default('reported'), cursor: z.string().min(1).optional() });

export const GET = handle(async (req: NextRequest) => {
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await listQueue(db(), await currentMember(), q.tab, q.cursor);
  return NextResponse.json({ items: page.items.map(queueItemJson), nextCursor: page.nextCursor });
});
