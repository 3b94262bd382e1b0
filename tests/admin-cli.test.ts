import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../lib/auth/password.ts';
import { freshDatabase } from './support/db.ts';
import { run as runCommand } from './support/run.ts';

const root = path.resolve(import.meta.dirname, '..');
const run = (url: string, args: string[], env: Record<string, string> = {}) =>
  runCommand(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/admin.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, ...env },
    input: '',
  });

describe('npm run admin -- create USERNAME', async () => {
  const { url, prisma } = await freshDatabase();

  it('creates an admin with the password from YILUN_ADMIN_PASSWORD when there is no terminal', async () => {
    const res = await run(url, ['create', '站长_01'], { YILUN_ADMIN_PASSWORD: 'a long admin passphrase' });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('created admin 站长_01');
    const u = await prisma.user.findUniqueOrThrow({ where: { usernameKey: '站长_01' } });
    expect(u.role).toBe('admin');
    expect(await verifyPassword(u.passwordHash!, 'a long admin passphrase')).toBe(true);
    // Logged like any role change, with no moderator: the command did it.
    expect(await prisma.moderationAction.findMany({ where: { memberId: u.id }, select: { moderatorId: true, action: true } })).toEqual([{ moderatorId: null, action: 'role:admin' }]);
  });

  it('promotes an existing member', async () => {
    await prisma.user.create({ data: { username: 'Alice_1', usernameKey: 'alice_1', displayName: 'Alice', passwordHash: 'x' } });
    const res = await run(url, ['create', 'alice_1']);
    expect(res.status, res.stderr).toBe(0);
    const alice = await prisma.user.findUniqueOrThrow({ where: { usernameKey: 'alice_1' } });
    expect(alice.role).toBe('admin');
    expect(await prisma.moderationAction.count({ where: { memberId: alice.id, action: 'role:admin', moderatorId: null } })).toBe(1);
  });

  it('refuses without a password, with a common password, or with a bad name, and creates nothing', async () => {
    const before = await prisma.user.count();
    expect((await run(url, ['create', 'nobody_yet'], { YILUN_ADMIN_PASSWORD: '' })).stderr).toContain('set YILUN_ADMIN_PASSWORD');
    expect((await run(url, ['create', 'nobody_yet'], { YILUN_ADMIN_PASSWORD: 'password123' })).stderr).toContain('must be hard to guess');
    const bad = await run(url, ['create', 'a b']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('not a valid username');
    expect(await prisma.user.count()).toBe(before);
  });
});
