// The seams between the upstream machinery (registry, health, breakers, retries) and what
// reports on it (metrics, live events, the admin API). Upstream code depends only on these
// interfaces; main wiring decides which implementation runs (Redis bus, local bus, metrics).
import type { TBreakerCommand, TInstanceState, TLiveEvent } from "@tta/domain";
import type { CompiledRoute } from "../config/compiled.ts";

/**
 * Receives one call per finished request (from the observe stage): metrics, traffic roll-ups.
 * Positional arguments, so that the hot path allocates nothing. `route` is null when no route
 * matched; `status` is 0 when no answer was sent (client gone); `failed` = status >= 500, or an
 * answer cut before its end.
 */
export interface RequestRecorder {
  record(route: CompiledRoute | null, status: number, failed: boolean, durationMs: number): void;
}

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
