// Rate limits count in fixed windows (lib/rate-limit.ts): attempts on both sides of a window
// boundary count in different windows. A test that fills a window first waits for a fresh one
// when the current one is about to end.
export async function awaitFreshWindow(windowSeconds: number, needSeconds: number) {
  const into = (Date.now() / 1000) % windowSeconds;
  if (windowSeconds - into < needSeconds) await new Promise((r) => setTimeout(r, (windowSeconds - into + 0.2) * 1000));
}
