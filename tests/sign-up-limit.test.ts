// Sign-ups from one address are limited (20 an hour); other addresses are not affected.
import { describe, expect, it } from 'vitest';
import { createUser } from '../lib/users/create-user.ts';
import { RATE_LIMITS } from '../lib/rate-limit.ts';
import { freshDatabase } from './support/db.ts';
import { refusal } from './support/refusal.ts';

const { prisma } = await freshDatabase();

describe('POST /api/v1/users per address', () => {
  it('refuses the sign-up over the limit with a 429 and its wait, and creates nothing', async () => {
    const { limit } = RATE_LIMITS.signUpAddress;
    const input = (i: number) => ({ username: `limit_${i}`, password: 'correct horse battery staple 9' });
    for (let i = 0; i < limit; i++) await createUser(prisma, input(i), { address: '203.0.113.9' });
    const before = await prisma.user.count();
    const err = await refusal(createUser(prisma, input(limit), { address: '203.0.113.9' }));
    expect([err.status, err.code]).toEqual([429, 'rate_limited']);
    expect(Number(err.headers?.['Retry-After'])).toBeGreaterThan(0);
    expect(await prisma.user.count()).toBe(before);
    // Another address signs up as usual.
    expect(await createUser(prisma, input(limit + 1), { address: '198.51.100.4' })).toMatchObject({ username: `limit_${limit + 1}` });
  }, 60_000);
});

describe('refused sign-ups', () => {
  it('count toward the limit too: taken names, weak passwords and bad input cannot be repeated without end', async () => {
    const { limit } = RATE_LIMITS.signUpAddress;
    const address = '203.0.113.77';
    await createUser(prisma, { username: 'taken_one', password: 'correct horse battery staple 9' }, { address: '198.51.100.99' });
    const refusals = [
      { username: 'taken_one', password: 'correct horse battery staple 9' },
      { username: 'weak_one', password: '12345678' },
      { username: '', password: '' },
    ];
    for (let i = 0; i < limit; i++) expect((await refusal(createUser(prisma, refusals[i % refusals.length], { address }))).status).toBe(422);
    const err = await refusal(createUser(prisma, { username: 'fine_after', password: 'correct horse battery staple 9' }, { address }));
    expect([err.status, err.code]).toEqual([429, 'rate_limited']);
  }, 60_000);
});
