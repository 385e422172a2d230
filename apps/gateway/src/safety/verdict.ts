// What a scanned request gets, from its scan and its route's policy. In order: a crisis at or
// above the rule set's escalation severity is escalated (202 or forwarded with escalation headers:
// never refused, whatever else the message holds); else a blocked content category is refused
// (422); else PII on a route that forbids it is refused (451); else a crisis below the escalation
// severity is recorded and the request goes on. "monitor" routes record the same events and
// forward everything. A body that could not be scanned, in whole or in part (judgeRequest), is
// refused on enforce (415 GW_UNSCANNABLE_BODY) and recorded for review on monitor, unless what could
// be scanned holds an escalating crisis: that is escalated as always.
import { PII_LABELS, severityRank, type PiiKind, type SafetyScanResult, type SafetySignal, type Severity } from "@tta/safety";
import type { RouteSafety } from "./compile-safety.ts";
import type { RequestScan } from "./request-scan.ts";

export type SafetyOutcome =
  | "crisis_acknowledged" // 202 GW_CRISIS_ESCALATED
  | "crisis_forwarded" // escalated, forwarded with x-tta-escalation
  | "crisis_recorded" // below the escalation severity: recorded, forwarded as usual
  | "crisis_refused" // escalated, but refused by a rate limit that allows no crisis bypass
  | "content_refused" // 422 GW_CONTENT_UNSAFE
  | "content_monitored"
  | "privacy_refused" // 451 GW_PRIVACY_VIOLATION
  | "privacy_monitored"
  | "unscannable_refused" // 415 GW_UNSCANNABLE_BODY
  | "unscannable_monitored" // forwarded, the event escalated for review
  | "clean";

/** One signal as the event stores it: words normalized and masked by the scanner, never raw text. */
export interface EventSignal {
  kind: "crisis" | "content" | "privacy";
  category: string;
  severity: Severity;
  rule: string;
  match: string;
  path: string;
  /** Crisis signals: found by the rules, the classifier, or both; `review` when only an unsure classifier raised it. */
  source?: "rule" | "model" | "both";
  review?: boolean;
}

export interface SafetyVerdict {
  outcome: SafetyOutcome;
  /** The crisis category, "content_violation" or "privacy_violation"; null when clean. */
  eventType: string | null;
  severity: Severity | null;
  escalated: boolean;
  signals: EventSignal[];
  /** Blocked categories found (the 422's details). */
  categories: string[];
  /** PII kinds found on a route that forbids them (the 451's details), never their values. */
  piiKinds: PiiKind[];
  /** The crisis rests only on signals marked for review (an unsure or unavailable classifier). */
  review: boolean;
}

export const CLEAN: SafetyVerdict = Object.freeze({ outcome: "clean", eventType: null, severity: null, escalated: false, signals: [], categories: [], piiKinds: [], review: false });

const signal = (kind: "crisis" | "content", s: SafetySignal): EventSignal => ({
  kind,
  category: s.category,
  severity: s.severity,
  rule: s.rule,
  match: s.match,
  path: s.path,
  ...(s.source ? { source: s.source } : {}),
  ...(s.review ? { review: true } : {}),
});
const onlyReview = (crisis: readonly EventSignal[]) => crisis.length > 0 && crisis.every((s) => s.review === true);
const highest = (signals: readonly EventSignal[]) => signals.reduce<Severity>((max, s) => (severityRank(s.severity) > severityRank(max) ? s.severity : max), "low");

export function judgeScan(result: SafetyScanResult | null, policy: RouteSafety): SafetyVerdict {
  if (!result) return CLEAN;
  const monitor = policy.mode !== "enforce";
  const crisis = result.crisis.signals.map((s) => signal("crisis", s));
  if (result.escalate) {
    const outcome = !monitor && policy.crisisResponse === "acknowledge" ? "crisis_acknowledged" : "crisis_forwarded";
    return { ...CLEAN, outcome, eventType: crisis[0]!.category, severity: result.crisis.severity, escalated: true, signals: crisis, review: onlyReview(crisis) };
  }
  const blocked = result.content.violations.filter((v) => policy.blocked.includes(v.category)).map((s) => signal("content", s));
  if (blocked.length) {
    const categories = [...new Set(blocked.map((s) => s.category))];
    const signals = [...blocked, ...crisis];
    return { ...CLEAN, outcome: monitor ? "content_monitored" : "content_refused", eventType: "content_violation", severity: highest(blocked), signals, categories };
  }
  if (policy.forbidPii && result.privacy.pii.length) {
    const pii: EventSignal[] = result.privacy.pii.map((p) => ({ kind: "privacy", category: "pii", severity: "low", rule: `pii.${p.kind}`, match: PII_LABELS[p.kind], path: p.path }));
    const piiKinds = [...new Set(result.privacy.pii.map((p) => p.kind))];
    return { ...CLEAN, outcome: monitor ? "privacy_monitored" : "privacy_refused", eventType: "privacy_violation", severity: "low", signals: [...pii, ...crisis], piiKinds };
  }
  if (crisis.length) return { ...CLEAN, outcome: "crisis_recorded", eventType: crisis[0]!.category, severity: result.crisis.severity, signals: crisis, review: onlyReview(crisis) };
  return CLEAN;
}

/** The event type of a body that could not be scanned. */
export const UNSCANNABLE_EVENT = "unscannable_body";

/** The verdict of a request's scan, "could not be scanned" included. */
export function judgeRequest(scanned: Pick<RequestScan, "result" | "unscannable">, policy: RouteSafety): SafetyVerdict {
  const verdict = judgeScan(scanned.result, policy);
  if (!scanned.unscannable || verdict.escalated) return verdict;
  const monitor = policy.mode !== "enforce";
  // On monitor the body still goes on, so someone must look at what the scanner could not: escalated, at the lowest severity.
  return { ...verdict, outcome: monitor ? "unscannable_monitored" : "unscannable_refused", eventType: UNSCANNABLE_EVENT, severity: "low", escalated: monitor };
}
