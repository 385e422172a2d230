// Words for the escalation views.
import type { TEventSeverity, TEventStatus } from "@tta/domain/browser";

export const SEVERITY_ORDER: readonly TEventSeverity[] = ["critical", "high", "medium", "low"];

export const STATUS_LABEL: Record<TEventStatus, string> = { open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" };

/** "suicidal_ideation" -> "Suicidal ideation". */
export function categoryLabel(id: string): string {
  const words = id.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** null for an event detected once; "repeated 50 times" when 50 detections were folded into it. */
export function repeatLabel(repeatCount: number): string | null {
  return repeatCount > 1 ? `repeated ${repeatCount} times` : null;
}

/** "now", "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long an event has waited. */
export function formatWaiting(since: Date, now: number): string {
  const s = Math.max(0, Math.floor((now - since.getTime()) / 1000));
  if (s < 1) return "now";
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
