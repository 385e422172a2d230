// Exponential backoff with full jitter (AWS architecture blog): after attempt n fails, wait
// random(0, min(max, base * 2^(n-1))) ms. Jitter keeps gateways from retrying in step.
import type { CompiledRetry } from "../../config/compiled.ts";

export function backoffDelay(failedAttempt: number, retry: Pick<CompiledRetry, "backoffBaseMs" | "backoffMaxMs">, random: () => number = Math.random): number {
  const cap = Math.min(retry.backoffMaxMs, retry.backoffBaseMs * 2 ** (failedAttempt - 1));
  return Math.floor(random() * cap);
}

/** Resolves true after ms, false as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
