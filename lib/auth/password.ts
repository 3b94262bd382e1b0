import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id parameters (19 MiB, 2 passes, 1 lane): ≈ 75 ms a hash on these machines.
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash to verify against when the account does not exist, so that an unknown username
// takes as long as a wrong password.
let dummy: Promise<string> | null = null;
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-0');
  await verifyPassword(await dummy, password);
}

// Password strength by zxcvbn (the estimator Dropbox published; zxcvbn-ts keeps it): common
// passwords, keyboard walks, repeats, sequences, dates, and the member's own names.
export const MIN_PASSWORD_SCORE = 3;
let estimator: ZxcvbnFactory | null = null;

/** Why a password is too easy to guess, as a field code, or null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: string[]): string | null {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const inputs = userInputs.filter(Boolean).flatMap((s) => [s, ...s.split(/[_\s]+/)]).filter((s) => s.length >= 3);
  const result = estimator.check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning ?? '';
  const reason: Record<string, string> = {
    userInputs: 'password_weak_name',
    topTen: 'password_common', topHundred: 'password_common', common: 'password_common', similarToCommon: 'password_common', pwned: 'password_common',
    wordByItself: 'password_weak_word', namesByThemselves: 'password_weak_word', commonNames: 'password_weak_word',
    simpleRepeat: 'password_weak_repeat', extendedRepeat: 'password_weak_repeat',
    sequences: 'password_weak_sequence',
    straightRow: 'password_weak_keyboard', keyPattern: 'password_weak_keyboard',
    dates: 'password_weak_date', recentYears: 'password_weak_date',
  };
  return reason[warning] ?? 'password_weak';
}
