// Active health checks of one service: every intervalMs, all its instances are probed at once
// (each bounded by timeoutMs). A round also refreshes scores, so passive observations age out
// even when checks are disabled. Settings and instances are read at each round: a publish or a
// registration takes effect on the next one.
import type { THealthCheck } from "@tta/domain";
import type { InstanceHealth } from "./instance-health.ts";
import { probe, type ProbeAgents } from "./probe.ts";

export interface CheckTarget {
  readonly target: URL;
  readonly health: InstanceHealth;
}

export interface CheckSource {
  plan(): { path: string; check: THealthCheck };
  targets(): readonly CheckTarget[];
  /** Called at the end of each round (the pool lets its breakers' open time run out). */
  afterRound?(now: number): void;
}

export interface ActiveChecks {
  stop(): void;
}

export function startActiveChecks(source: CheckSource, agents: ProbeAgents, now: () => number = Date.now): ActiveChecks {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;

  async function round(): Promise<void> {
    const started = now();
    const { path, check } = source.plan();
    const targets = source.targets();
    if (check.enabled) {
      await Promise.all(
        targets.map(async (t) => {
          const result = await probe(t.target, path, check.timeoutMs, agents, controller.signal);
          if (!controller.signal.aborted) t.health.recordCheck(result.ok, result.error, now(), check);
        }),
      );
    } else {
      for (const t of targets) t.health.refresh(now());
    }
    if (controller.signal.aborted) return;
    source.afterRound?.(now());
    timer = setTimeout(() => void round(), Math.max(0, started + check.intervalMs - now()));
    timer.unref();
  }

  void round();
  return {
    stop() {
      controller.abort();
      clearTimeout(timer);
    },
  };
}
