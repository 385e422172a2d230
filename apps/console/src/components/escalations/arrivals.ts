// Which queue rows are new since the page opened: the first load is what the clinician found,
// every id seen after that is an arrival (highlighted for a while, and announced once).
import type { TEscalationSummary, TEventSeverity } from "@tta/domain/browser";

export const HIGHLIGHT_MS = 20_000;

export interface Arrivals {
  loaded: boolean;
  /** Every id the queue has shown since the page opened. */
  known: ReadonlySet<string>;
  /** id -> when it arrived (ms), for the ones that came after the first load. */
  arrivedAt: ReadonlyMap<string, number>;
}

export const NO_ARRIVALS: Arrivals = { loaded: false, known: new Set(), arrivedAt: new Map() };

const RANK: Record<TEventSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Takes a freshly loaded queue; returns the new state and the rows that arrived with it. */
export function noteQueue(state: Arrivals, queue: readonly TEscalationSummary[], now: number): { state: Arrivals; arrived: TEscalationSummary[] } {
  const arrived = state.loaded ? queue.filter((e) => !state.known.has(e.id)) : [];
  if (state.loaded && arrived.length === 0) return { state, arrived };
  const known = new Set(state.known);
  for (const e of queue) known.add(e.id);
  const arrivedAt = new Map(state.arrivedAt);
  for (const e of arrived) arrivedAt.set(e.id, now);
  return { state: { loaded: true, known, arrivedAt }, arrived };
}

export function isHighlighted(state: Arrivals, id: string, now: number): boolean {
  const at = state.arrivedAt.get(id);
  return at !== undefined && now - at < HIGHLIGHT_MS;
}

/** The most severe of the rows that arrived together (the sound says how urgent). */
export function mostSevere(events: readonly TEscalationSummary[]): TEventSeverity | null {
  let worst: TEventSeverity | null = null;
  for (const e of events) if (worst === null || RANK[e.severity] > RANK[worst]) worst = e.severity;
  return worst;
}
