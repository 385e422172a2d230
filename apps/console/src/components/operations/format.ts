// Words and numbers for the operations view.
import type { TBreakerForce, TBreakerRolling, TBreakerState, TInstanceAvailability } from "@tta/domain/browser";

/** "now", "4 s ago", "3 min ago", "2 h ago". */
export function formatAge(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 1) return "now";
  if (s < 90) return `${s} s ago`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min ago`;
  return `${Math.round(min / 60)} h ago`;
}

export const BREAKER_LABEL: Record<TBreakerState, string> = { closed: "closed", open: "open", half_open: "half-open" };

/** The rotation cell: in rotation with an open breaker is said as such, not as "in rotation". */
export const AVAILABILITY_LABEL: Record<TInstanceAvailability, string> = {
  serving: "In rotation",
  probing: "In rotation, breaker half-open",
  breaker_open: "In rotation, breaker open",
  out_of_rotation: "Out of rotation",
};

/** "last 10 s: 18 ok, 2 5xx, 0 no answer, 0 refused" (the breaker's rolling window). */
export function rollingSummary(r: TBreakerRolling): string {
  return `last ${Math.round(r.windowMs / 1000)} s: ${r.successes} ok, ${r.failures} 5xx, ${r.connectionFailures} no answer, ${r.rejects} refused`;
}

/** The marker next to a forced breaker's state ("OPEN forced"), and its longer description. */
export function forcedLabel(forced: TBreakerForce): { short: string; long: string } | null {
  return forced === "none" ? null : { short: "forced", long: `forced ${forced} by an operator` };
}

/** Colour band of a health score: instances under 30 are out of rotation. */
export function healthBand(score: number): "good" | "degraded" | "bad" {
  if (score >= 70) return "good";
  if (score >= 30) return "degraded";
  return "bad";
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
export const formatClock = (at: number) => clock.format(new Date(at));

export function formatNumber(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return "–";
  return value.toFixed(value >= 100 ? 0 : digits);
}

/** Round clock times across a chart's span: every 15 s, 30 s or minute, 2 or 10 minutes (1 h). */
export function timeTicks(from: number, to: number): number[] {
  const span = to - from;
  const step = span <= 90_000 ? 15_000 : span <= 180_000 ? 30_000 : span <= 6 * 60_000 ? 60_000 : span <= 20 * 60_000 ? 2 * 60_000 : 10 * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
