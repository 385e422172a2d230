// When a supervised child dies: restart it after an exponential backoff (capped), and give up only
// on a child that keeps dying very fast. A run that lasted `stableMs` counts as healthy and starts
// the backoff over.
export interface RestartPolicy {
  baseMs: number;
  capMs: number;
  /** A run at least this long resets the streak of fast exits. */
  stableMs: number;
  /** Give up after this many fast exits in a row. */
  maxFastExits: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseMs: 1_000, capMs: 30_000, stableMs: 10_000, maxFastExits: 5 };

export type RestartDecision = { action: "restart"; delayMs: number; restart: number } | { action: "give-up"; fastExits: number };

export interface RestartTracker {
  /** Called with how long the run that just ended lasted. */
  exited(ranMs: number): RestartDecision;
  readonly restarts: number;
}

export function createRestartTracker(policy: RestartPolicy = DEFAULT_RESTART_POLICY): RestartTracker {
  let streak = 0; // exits in a row since the last stable run, this one included
  let restarts = 0;
  return {
    get restarts() {
      return restarts;
    },
    exited(ranMs) {
      const fast = ranMs < policy.stableMs;
      streak = fast ? streak + 1 : 1;
      if (fast && streak >= policy.maxFastExits) return { action: "give-up", fastExits: streak };
      restarts++;
      return { action: "restart", delayMs: Math.min(policy.capMs, policy.baseMs * 2 ** (streak - 1)), restart: restarts };
    },
  };
}
