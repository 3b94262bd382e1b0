// Past one database (issue 25.3–4): a streaming replica (DATABASE_REPLICA_URL) serves the pages
// every reader shares and the read API, and a removal never comes back from one that lags.
// The pair is made here from the PostgreSQL binaries the project runs (the embedded server's):
// a primary, a cold copy of it made a standby (standby.signal, primary_conninfo), streaming.
// Replay is paused on the standby, a moderator removes a comment through the app, and the
// thread page still never shows it: the render waits for the replica to replay the removal's
// position (carried in the bus event), and past REPLICA_WAIT_MS reads from the primary.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { test, expect, sessionCookie } from './fixtures.ts';
import { SESSION_COOKIE } from './support/env.ts';
import { serve, untilReady, type Instance } from './support/instance.ts';
import { withDatabase } from '../lib/db/embedded.ts';
import { startReplicaPair } from '../scripts/lib/replica-pair.ts';
import { createMembers } from '../tests/support/members.ts';

test('a removal is never served again from a replica that lags; the read API reads the replica', async () => {
  test.setTimeout(180_000);
  const pair = await startReplicaPair();
  const { primary, standby } = pair;
  const primaryUrl = withDatabase(primary.url, 'postgres');
  const standbyUrl = withDatabase(standby.url, 'postgres');
  const main = new pg.Pool({ connectionString: primaryUrl, max: 2 });
  const replica = new pg.Pool({ connectionString: standbyUrl, max: 2 });
  // An idle pooled connection the server ends (a standby replaying the migrations' DDL may end
  // its sessions) is an 'error' event of the pool, not of any query: without a listener Node
  // throws it outside the test's steps. The pool then opens another; every query's own error
  // still fails the test where it happens.
  const dropped: string[] = [];
  for (const pool of [main, replica]) pool.on('error', (err) => dropped.push(err.message));
  let app: Instance | null = null;
  try {
    expect((await replica.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
    const migrated = spawnSync(process.execPath, ['--import', 'tsx', path.join('scripts', 'migrate.ts')], { env: { ...process.env, DATABASE_URL: primaryUrl }, encoding: 'utf8' });
    expect(migrated.status, migrated.stderr).toBe(0);
    const [mod] = await createMembers(main, 'replmod', 1, { role: 'moderator' });
    const [author] = await createMembers(main, 'replauthor', 1);
    const slug = `replica-${Date.now().toString(36)}`;
    const articleId = (await main.query<{ id: number }>(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at, comment_count) VALUES ($1, '副本', ARRAY['正文'], '测试', now(), now(), 1) RETURNING id`, [slug])).rows[0].id;
    const commentId = (await main.query<{ id: number }>(`INSERT INTO comments (article_id, author_id, body) VALUES ($1, $2, '马上要被删除的评论') RETURNING id`, [articleId, author.id])).rows[0].id;
    // The standby streams: what the primary has, it has a moment later.
    await expect.poll(async () => (await replica.query('SELECT 1 FROM comments WHERE id = $1', [commentId])).rowCount, { timeout: 20_000 }).toBe(1);

    app = await serve({ DATABASE_URL: primaryUrl, DATABASE_REPLICA_URL: standbyUrl, YILUN_RATE_LIMITS: 'off' });
    const base = app.base;
    await untilReady(app, 60_000);
    const page = async () => (await fetch(`${base}/articles/${slug}`)).text();
    expect(await page()).toContain('马上要被删除的评论');

    // Replay paused: the replica stops where it is.
    await replica.query('SELECT pg_wal_replay_pause()');
    await expect.poll(async () => (await replica.query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0].s).toBe('paused');
    // The read API reads the replica: an article written straight into the primary (no event,
    // so nothing to wait for) is not there yet.
    const later = `replica-later-${Date.now().toString(36)}`;
    await main.query(`INSERT INTO articles (slug, title, paragraphs, source_site, published_at, last_activity_at) VALUES ($1, '稍后', ARRAY['正文'], '测试', now(), now())`, [later]);
    expect((await fetch(`${base}/api/v1/articles/${later}`)).status).toBe(404);

    // A moderator removes the comment through the app; the page never shows it again.
    const removed = await fetch(`${base}/api/v1/mod/comments/${commentId}`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(mod)}`, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'remove', reason: '测试副本' }),
    });
    expect(removed.status, await removed.clone().text()).toBe(200);
    for (let i = 0; i < 3; i++) expect(await page()).not.toContain('马上要被删除的评论');
    expect(app.output()).toContain('replica: behind');

    // Replay resumed: the replica catches up, and the page still has no trace of the comment.
    await replica.query('SELECT pg_wal_replay_resume()');
    await expect.poll(async () => (await fetch(`${base}/api/v1/articles/${later}`)).status, { timeout: 20_000 }).toBe(200);
    expect(await page()).not.toContain('马上要被删除的评论');
  } finally {
    app?.child.kill('SIGTERM');
    await main.end();
    await replica.end();
    await pair.stop();
  }
});
