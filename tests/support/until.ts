/** Waits until `cond` holds, checking every `every` ms; fails after `ms`. */
export async function until(cond: () => boolean, ms = 5_000, every = 10): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, every));
  }
}
