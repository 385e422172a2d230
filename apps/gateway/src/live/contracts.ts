// The seams between the upstream machinery (registry, health, breakers, retries) and what
// reports on it (metrics, live events, the admin API). Upstream code depends only on these
// interfaces; main wiring decides which implementation runs (Redis bus, local bus, metrics).
import type { TBreakerCommand, TInstanceState, TLiveEvent } from "@tta/domain";

/** Where breaker transitions, health changes, roll-ups and heartbeats go. Never throws, never blocks. */
export interface LiveSink {
  publish(event: TLiveEvent): void;
}

/** What the upstream machinery knows right now, and the one thing operators may change in it. */
export interface UpstreamStateSource {
  instances(): TInstanceState[];
  /** Applies a forced breaker state; false when this gateway has no such service instance. */
  applyBreakerCommand(command: TBreakerCommand): boolean;
}

export type AttemptOutcome = "ok" | "error" | "timeout" | "breaker_open" | "aborted";

/** Per-attempt observations for metrics (labels stay bounded: names, never paths or users). */
export interface UpstreamObserver {
  attempt(observation: { route: string; service: string; instance: string; attempt: number; outcome: AttemptOutcome; durationMs: number }): void;
}

export const noopSink: LiveSink = { publish() {} };
export const noopObserver: UpstreamObserver = { attempt() {} };
