// Full-jitter exponential backoff (AWS's "Exponential Backoff And Jitter"): the n-th wait is a
// uniform draw in [0, min(max, base * 2^n)], so many instances retrying one gateway spread out
// instead of arriving together.
export interface BackoffOptions {
  /** The first ceiling, in ms. */
  baseMs?: number;
  /** The ceiling never grows past this, in ms. */
  maxMs?: number;
  /** [0, 1); injectable so tests can pin the draw. */
  random?: () => number;
}

export function backoffDelay(attempt: number, { baseMs = 250, maxMs = 15_000, random = Math.random }: BackoffOptions = {}): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** Waits ms, or less when the signal aborts (it then resolves false: the caller stops). */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
