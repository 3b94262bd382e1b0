// The session cookie is verified once per process and then known by its text: what that
// must never let through.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { readSessionToken } from '../lib/auth/session-token.ts';
import { env } from '../lib/env.ts';

const NAME = 'authjs.session-token';
const cookie = async (token: Record<string, unknown>, maxAge = 3600) =>
  encode({ token, secret: env().AUTH_SECRET ?? '', salt: NAME, maxAge });
const read = (value: string) => readSessionToken((name) => (name === NAME ? value : undefined));

describe('a session cookie, verified and then remembered', () => {
  beforeAll(() => {
    if (!process.env.AUTH_SECRET) vi.stubEnv('AUTH_SECRET', 'the secret of the test site, forty characters');
  });

  it('reads the same session every time, and a changed byte never', async () => {
    const value = await cookie({ sub: '41', sv: 3, sid: 's-41' });
    const first = await read(value);
    expect(first).toMatchObject({ id: 41, sessionVersion: 3, sid: 's-41' });
    expect(await read(value)).toEqual(first);
    // Tampered after the genuine one was remembered: still verified, still refused.
    const last = value.at(-2) === 'A' ? 'B' : 'A';
    expect(await read(`${value.slice(0, -2)}${last}${value.at(-1)}`)).toBeNull();
    expect(await read(`${value}x`)).toBeNull();
  });

  it('stops being a session when it expires, even once remembered', async () => {
    const value = await cookie({ sub: '42', sv: 0 }, 60);
    expect(await read(value)).toMatchObject({ id: 42 });
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    try {
      expect(await read(value)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("is signed with this site's secret, or it is no session", async () => {
    const other = await encode({ token: { sub: '43', sv: 0 }, secret: 'another site entirely, another secret', salt: NAME, maxAge: 3600 });
    expect(await read(other)).toBeNull();
    expect(await read(other)).toBeNull();
  });
});
