// How every process of Yilun stops, in one place: the launcher (`npm start`), the primary
// that supervises the workers, and each worker. Each stops on SIGTERM or Ctrl-C and when the
// process that started it is gone (killed outright: nothing else would tell it), once.
// Requests in flight get DRAIN_MS to finish; whoever waits on a worker gives it a little more.

/** How long a worker lets requests in flight finish before it exits anyway. */
export const DRAIN_MS = 10_000;
/** How long a primary waits for its workers' drain before it kills them. */
export const SUPERVISOR_GRACE_MS = DRAIN_MS + 2_000;

/** Calls `stop` (once) on these signals and when the parent process goes away. */
export function stopWhenAsked(stop: (why: string) => void, signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  let asked = false;
  const once = (why: string) => {
    if (asked) return;
    asked = true;
    stop(why);
  };
  for (const signal of signals) process.on(signal, () => once(signal));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) once('launcher gone');
  }, 1_000).unref();
}
