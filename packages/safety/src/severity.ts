// Severity of a crisis signal or content violation, ordered. Outcomes (escalate, 202 vs forward)
// compare severities, so the order lives here once.
import { z } from "zod";

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const ZSeverity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof ZSeverity>;

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: Severity | null, b: Severity): Severity {
  return a === null || severityRank(b) > severityRank(a) ? b : a;
}

/** One step up (plan, means or timing cues), never beyond critical. */
export function raiseSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.min(severityRank(severity) + 1, SEVERITIES.length - 1)]!;
}
