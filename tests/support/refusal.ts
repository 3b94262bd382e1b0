import { DomainError } from '../../lib/errors.ts';

/** The DomainError a call refuses with; fails the test when it does not refuse. */
export async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
