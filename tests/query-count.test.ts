import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrisma } from '../lib/db/client.ts';
import { importArticlePage } from '../lib/import/import-article.ts';
import { parseArticlePage } from '../lib/import/parse-article-page.ts';
import { fetchThreadPage } from '../lib/threads/fetch-thread-page.ts';
import { freshDatabase } from './support/db.ts';
import { generateThread } from './support/generate-thread.ts';

describe('a thread page', async () => {
  const { url, prisma, sql } = await freshDatabase();

  it('runs the same number of SQL queries for 15 comments as for 10 000', async () => {
    const seed = await importArticlePage(
      prisma,
      parseArticlePage(fs.readFileSync(path.resolve(import.meta.dirname, '../prisma/seed/000_97667f3ccc073977.txt'), 'utf8')),
    );
    await generateThread(sql, { slug: 'big', topLevel: 9_000, rootsWithReplies: 200, repliesPerRoot: 5 });

    const counting = createPrisma(url, 2, { logQueries: true });
    let queries = 0;
    // @ts-expect-error the event type needs the client's log option at the type level
    counting.$on('query', () => queries++);
    const count = async (slug: string, sort: 'top' | 'new' | 'old', cursor: string | null = null) => {
      queries = 0;
      const page = await fetchThreadPage(counting, slug, sort, cursor);
      return { queries, page: page! };
    };
    const small = await count(seed.slug, 'top');
    const big = await count('big', 'top');
    expect(small.page.comments).toHaveLength(13);
    expect(big.page.article.commentCount).toBe(10_000);
    expect(big.page.comments.length).toBe(50);
    expect(small.queries).toBeGreaterThan(0);
    expect(big.queries).toBe(small.queries);
    expect(small.queries).toBeLessThanOrEqual(3); // article, top-level page, their replies
    // Other sorts and later pages cost no more (a page with no replies skips that query).
    expect((await count('big', 'new')).queries).toBeLessThanOrEqual(small.queries);
    const later = await count('big', 'top', big.page.nextCursor);
    expect(later.queries).toBeLessThanOrEqual(small.queries);
    await counting.$disconnect();
  });
});
