// What a rate-limit policy means for each kind of request, in numbers: computed with the gateway's
// own effectiveRateLimit (@tta/domain), so the page says what a token's RateLimit-Policy header says.
// Without a route: every case the policy can meet; with one: the cases of that route's service.
import { effectiveRateLimit, type TTherapeuticPriority } from "@tta/domain/browser";

export interface PolicyNumbers {
  limit: number;
  windowSeconds: number;
  burst: number;
  therapeuticMultiplier: number;
  crisisBypass: boolean;
  crisisAllowance: number;
  crisisWindowSeconds: number;
  adaptive: { enabled: boolean; minFactor: number };
}

export interface LimitRow {
  key: "standard" | "therapeutic" | "session" | "crisis" | "adaptive";
  who: string;
  /** "150 / 60 s (×1.5), burst 30", or what happens instead of a limit. */
  text: string;
  /** The effective quota, when the row has one (the q= of RateLimit-Policy). */
  limit: number | null;
}

const times = (factor: number) => (factor === 1 ? "" : ` (×${Number(factor.toFixed(3))})`);

function quota(p: PolicyNumbers, therapeutic: boolean, adaptiveFactor?: number): { text: string; limit: number } {
  const e = effectiveRateLimit(p, { therapeutic, adaptiveFactor });
  return { text: `${e.limit} / ${p.windowSeconds} s${times(e.factor)}${e.burst > 0 ? `, burst ${e.burst}` : ""}`, limit: e.limit };
}

function crisisRow(p: PolicyNumbers): LimitRow {
  if (p.crisisBypass) {
    return { key: "crisis", who: "crisis messages", text: `pass the limit, up to ${p.crisisAllowance} per ${p.crisisWindowSeconds} s for each player (crisis bypass)`, limit: null };
  }
  return { key: "crisis", who: "crisis messages (no crisis bypass)", ...quota(p, true) };
}

export function effectiveLimitRows(p: PolicyNumbers, route?: { service: string; priority: TTherapeuticPriority }): LimitRow[] {
  const rows: LimitRow[] = [];
  if (!route) {
    rows.push({ key: "standard", who: "requests on standard routes", ...quota(p, false) });
    rows.push({ key: "therapeutic", who: "players on therapeutic routes", ...quota(p, true) });
    rows.push({ key: "session", who: "players with a therapeutic session in their token, on any route", ...quota(p, true) });
  } else if (route.priority === "standard") {
    rows.push({ key: "standard", who: "requests on this route", ...quota(p, false) });
    rows.push({ key: "session", who: "players with a therapeutic session in their token", ...quota(p, true) });
  } else if (route.priority === "therapeutic") {
    rows.push({ key: "therapeutic", who: `players on this therapeutic route (service ${route.service})`, ...quota(p, true) });
  } else if (p.crisisBypass) {
    rows.push({ key: "crisis", who: `requests on this route (service ${route.service} has crisis priority)`, text: "not limited (crisis bypass)", limit: null });
    return rows;
  } else {
    rows.push({ key: "therapeutic", who: `requests on this route (service ${route.service} has crisis priority; no crisis bypass)`, ...quota(p, true) });
  }
  rows.push(crisisRow(p));
  if (p.adaptive.enabled) {
    const therapeuticOnly = route && route.priority !== "standard";
    const worst = therapeuticOnly ? quota(p, true, p.adaptive.minFactor) : quota(p, false, p.adaptive.minFactor);
    rows.push({ key: "adaptive", who: "at the lowest, while the upstream is slow or failing", text: worst.text, limit: worst.limit });
  }
  return rows;
}
