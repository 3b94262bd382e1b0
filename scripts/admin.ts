// npm run admin -- create USERNAME
// Makes an admin: creates the account (password from a prompt, or from YILUN_ADMIN_PASSWORD
// when there is no terminal), or promotes an existing member. Uses DATABASE_URL, or the
// embedded database under .data/ when it is unset.
import { env } from '../lib/env.ts';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { createAdmin, promoteToAdmin } from '../lib/users/admin-account.ts';
import { createPrisma } from '../lib/db/client.ts';
import { hashPassword, passwordWeakness } from '../lib/auth/password.ts';
import { passwordSchema, usernameSchema } from '../lib/users/schemas.ts';
import { openDatabase } from './lib/database.ts';

const [command, rawName] = process.argv.slice(2).filter((a) => a !== '--');
if (command !== 'create' || !rawName) {
  console.error('usage: npm run admin -- create USERNAME');
  process.exit(2);
}
const name = usernameSchema.safeParse(rawName);
if (!name.success) {
  console.error(`"${rawName}" is not a valid username: 3–32 letters, digits or _`);
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const p = env().YILUN_ADMIN_PASSWORD;
    if (!p) throw new Error('no terminal to ask for a password: set YILUN_ADMIN_PASSWORD');
    return p;
  }
  let muted = false;
  const out = new Writable({ write: (chunk, _enc, cb) => (muted || process.stdout.write(chunk), cb()) });
  const rl = readline.createInterface({ input: process.stdin, output: out, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      muted = true;
      rl.question('', (a) => {
        muted = false;
        process.stdout.write('\n');
        resolve(a);
      });
    });
  const first = await ask('Password for the admin: ');
  const again = await ask('Again: ');
  rl.close();
  if (first !== again) throw new Error('the passwords differ');
  return first;
}

const database = await openDatabase(() => {});
const prisma = createPrisma(database.url, 2);
try {
  const promoted = await promoteToAdmin(prisma, name.data);
  if (promoted.done === 'promoted') {
    console.log(`${promoted.username} is now an admin`);
  } else if (promoted.done === 'imported') {
    console.error(`${promoted.username} is an imported commenter and cannot sign in; choose another name`);
    process.exitCode = 1;
  } else {
    const password = await askPassword();
    const ok = passwordSchema.safeParse(password);
    if (!ok.success || passwordWeakness(password, [name.data])) throw new Error('the password needs 8–128 characters and must be hard to guess (not common, not the name, not a pattern)');
    await createAdmin(prisma, name.data, await hashPassword(password));
    console.log(`created admin ${name.data}`);
  }
} catch (err) {
  console.error(`admin: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.close();
}
