import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from './support/db.ts';
import { run } from './support/run.ts';

const root = path.resolve(import.meta.dirname, '..');
const seed = fs.readFileSync(path.join(root, 'prisma/seed/000_97667f3ccc073977.txt'), 'utf8');

function runImport(url: string, text: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yilun-')), 'page.txt');
  fs.writeFileSync(file, text);
  return run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/import.ts', file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
  });
}

describe('npm run import', async () => {
  const { url, prisma } = await freshDatabase();

  it('refuses a broken file, names the line and imports nothing', async () => {
    // A comment late in the file with an impossible time: nothing before it may be kept.
    const broken = seed.replace('2026-02-17 19:21', '2026-02-17 25:21');
    const line = broken.split('\n').indexOf('2026-02-17 25:21') + 1;
    const res = await runImport(url, broken);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`page.txt:${line}: "2026-02-17 25:21" is not a real date and time`);
    expect(res.stderr).toContain('Nothing was imported.');
    expect(await prisma.article.count()).toBe(0);
    expect(await prisma.user.count()).toBe(0);
  });

  it('imports a good file once, and a second run changes nothing', async () => {
    const first = await runImport(url, seed);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/imported ".+" as \/articles\/\w+ with 15 comments/);
    // Progress as it goes, with the time of each step, and the rate at the end.
    expect(first.stderr).toMatch(/^\[\d+\.\d s\] parsed ".+": 13 comments, 2 replies, 15 commenters$/m);
    expect(first.stderr).toMatch(/^\[\d+\.\d s\] done in \d+\.\d s \(\d+ comments\/s\)$/m);
    const second = await runImport(url, seed);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/already imported; nothing changed/);
    expect(await prisma.comment.count()).toBe(15);
  });
});
