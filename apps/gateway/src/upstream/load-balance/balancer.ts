// A load-balancing strategy picks one instance among those a request may use. Strategies keep
// their own state (cursors, smooth weights) per service pool and never allocate per pick.
export type Priority = "standard" | "therapeutic" | "crisis";

/** What a strategy may read of an instance (UpstreamInstance satisfies it). */
export interface Balanceable {
  readonly weight: number;
  /** Attempts in flight on this instance, from this gateway. */
  readonly active: number;
  readonly health: { readonly score: number };
  /** Smooth weighted round robin's running weight: owned by that strategy. */
  wrrCurrent: number;
}

export interface Balancer {
  readonly name: string;
  /** An instance for which `accept` holds, or null when there is none. */
  pick<T extends Balanceable>(instances: readonly T[], accept: (instance: T) => boolean, priority: Priority): T | null;
}
