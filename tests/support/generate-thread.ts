// Generates a large thread straight in SQL (INSERT … SELECT), for paging tests and the
// benchmark: `topLevel` comments with like counts full of ties, and `repliesPerRoot`
// replies under each of the first `rootsWithReplies` comments.
import type pg from 'pg';

export interface GeneratedThread {
  articleId: number;
  slug: string;
  total: number;
}

export async function generateThread(
  sql: pg.Pool,
  opts: { slug: string; topLevel: number; rootsWithReplies?: number; repliesPerRoot?: number; title?: string },
): Promise<GeneratedThread> {
  const { slug, topLevel, rootsWithReplies = 0, repliesPerRoot = 0 } = opts;
  const client = await sql.connect();
  try {
    await client.query('BEGIN');
    const users = await client.query<{ id: number }>(
      `INSERT INTO users (username, username_key, display_name)
       SELECT $1 || '_' || i, lower($1 || '_' || i), '成员' || i FROM generate_series(1, 40) i RETURNING id`,
      [`gen_${slug}`.slice(0, 24)],
    );
    const userIds = users.rows.map((r) => r.id);
    const base = new Date('2026-03-01T00:00:00Z');
    const article = await client.query<{ id: number }>(
      `INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at)
       VALUES ($1, $2, ARRAY['生成的测试文章。'], '测试', $3, $3) RETURNING id`,
      [slug, opts.title ?? `生成的话题 ${slug}`, base],
    );
    const articleId = article.rows[0].id;
    await client.query(
      `INSERT INTO comments (article_id, author_id, body, like_count, base_like_count, created_at)
       SELECT $1, ($2::int[])[1 + i % 40], '第 ' || i || ' 条评论', (i * 7919) % 23, (i * 7919) % 23,
              $3::timestamptz + (i / 3) * interval '1 minute'
       FROM generate_series(1, $4) i`,
      [articleId, userIds, base, topLevel],
    );
    if (rootsWithReplies && repliesPerRoot) {
      await client.query(
        `WITH roots AS (
           SELECT id, created_at FROM comments WHERE article_id = $1 AND depth = 0 ORDER BY id LIMIT $2
         )
         INSERT INTO comments (article_id, author_id, parent_id, root_id, depth, body, created_at)
         SELECT $1, ($3::int[])[1 + (r.id + j) % 40], r.id, r.id, 1, '回复 ' || r.id || '-' || j, r.created_at + j * interval '1 second'
         FROM roots r, generate_series(1, $4) j`,
        [articleId, rootsWithReplies, userIds, repliesPerRoot],
      );
      await client.query(
        `UPDATE comments c SET reply_count = $2, thread_reply_count = $2
         WHERE c.article_id = $1 AND c.depth = 0 AND EXISTS (SELECT 1 FROM comments r WHERE r.root_id = c.id)`,
        [articleId, repliesPerRoot],
      );
    }
    const total = topLevel + rootsWithReplies * repliesPerRoot;
    await client.query(
      `UPDATE articles SET comment_count = $2,
         last_activity_at = COALESCE((SELECT max(created_at) FROM comments WHERE article_id = $1), published_at) WHERE id = $1`,
      [articleId, total],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE comments');
    return { articleId, slug, total };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
