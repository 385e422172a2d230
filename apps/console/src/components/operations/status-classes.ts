// The status classes the traffic charts and table show. 429 is its own class: a rate limit is the
// gateway protecting an upstream, not a client's mistake nor a failure. "other" is what has no
// class: requests the client left before an answer, and everything from gateways that did not yet
// count classes (their 5xx are known from `errors`, the rest is "other").
import type { TRouteTraffic } from "@tta/domain/browser";

export const STATUS_CLASSES = ["2xx", "3xx", "4xx", "429", "5xx", "other"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];
export type ClassCounts = Record<StatusClass, number>;

export const CLASS_LABEL: Record<StatusClass, string> = { "2xx": "2xx", "3xx": "3xx", "4xx": "4xx (not 429)", "429": "429 rate limited", "5xx": "5xx", other: "no answer / other" };
export const CLASS_COLOUR: Record<StatusClass, string> = { "2xx": "#2e7d32", "3xx": "#1f5fbf", "4xx": "#b35c00", "429": "#7b4fb3", "5xx": "#b42318", other: "#6b7280" };

export const noClasses = (): ClassCounts => ({ "2xx": 0, "3xx": 0, "4xx": 0, "429": 0, "5xx": 0, other: 0 });

/** Adds one roll-up row's answers into `into`. */
export function addClasses(into: ClassCounts, r: TRouteTraffic): void {
  if (r.status2xx === undefined) {
    into["5xx"] += r.errors;
    into.other += Math.max(0, r.count - r.errors);
    return;
  }
  const s2 = r.status2xx;
  const s3 = r.status3xx ?? 0;
  const s4 = r.status4xx ?? 0;
  const s429 = r.status429 ?? 0;
  const s5 = r.status5xx ?? 0;
  into["2xx"] += s2;
  into["3xx"] += s3;
  into["4xx"] += s4;
  into["429"] += s429;
  into["5xx"] += s5;
  into.other += Math.max(0, r.count - s2 - s3 - s4 - s429 - s5);
}

/** The series of requests no route matched: a placeholder that is no valid route or service name. */
export const UNMATCHED_KEY = "(unmatched)";

/** Flagged by the gateway; gateways before Console v2 called it route "none" of service "none". */
export function isUnmatched(r: TRouteTraffic): boolean {
  return r.unmatched === true || (r.unmatched === undefined && r.status2xx === undefined && r.route === "none" && r.service === "none");
}
