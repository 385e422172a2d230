// Breaker states forced by operators, shared by every gateway so that a restarted or newly
// started gateway applies them too. Keyed by service and instance (the instance URL's origin).
export type ForcedState = "open" | "closed";

export const forcedKey = (service: string, instance: string) => `${service}|${instance}`;

export interface ForcedBreakerStore {
  readonly kind: "redis" | "local";
  /** Every forced breaker, by forcedKey(service, instance). */
  all(): Promise<Map<string, ForcedState>>;
  /** null clears the override (the breaker decides again). */
  set(service: string, instance: string, state: ForcedState | null): Promise<void>;
}
