import { env } from '../../lib/env.ts';

// Tests create and drop databases: refuse to do that anywhere but on this machine.
export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host) && env().YILUN_TEST_ALLOW_REMOTE_DB !== '1') {
    throw new Error(`refusing to run tests against a database on ${host}; set YILUN_TEST_ALLOW_REMOTE_DB=1 if you mean it`);
  }
}
