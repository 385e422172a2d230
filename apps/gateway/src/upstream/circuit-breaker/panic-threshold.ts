// Envoy's panic threshold, applied to breakers: 5xx answers alone may not open the breaker of an
// instance when that would leave fewer than `threshold` % of the service's in-rotation instances
// taking traffic (the last one of a service is never taken out that way). Connection failures and
// timeouts are not asked: an instance nobody can reach is no capacity.

export interface CapacityView {
  readonly inRotation: boolean;
  /** Its breaker is open (forced open included): it takes no traffic. */
  readonly breakerOpen: boolean;
}

/** Why `candidate` must stay closed, or null when opening it leaves enough of the service. */
export function panicHold(candidate: CapacityView, service: readonly CapacityView[], threshold: number): string | null {
  if (threshold <= 0 || !candidate.inRotation || candidate.breakerOpen) return null;
  const inRotation = service.filter((i) => i.inRotation);
  const left = inRotation.filter((i) => i !== candidate && !i.breakerOpen).length;
  if (left * 100 >= threshold * inRotation.length) return null;
  return `opening it would leave ${left} of ${inRotation.length} in-rotation instance(s) taking traffic (panic threshold ${threshold}%)`;
}
