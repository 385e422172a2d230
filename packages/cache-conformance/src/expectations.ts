// What every case must conclude when nothing caches (Case.withoutCache), checked against a report.
import type { Report } from "./runner.ts";
import type { Case } from "./types.ts";

export interface Mismatch {
  id: string;
  expected: Case["withoutCache"];
  outcome: string;
  detail: string;
}

export function mismatchesWithoutCache(report: Report, cases: readonly Case[]): Mismatch[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const out: Mismatch[] = [];
  for (const r of report.results) {
    const expected = byId.get(r.id)?.withoutCache;
    if (!expected) continue;
    const ok =
      expected === "pass" ? r.outcome === "pass" : expected === "measured" ? r.outcome === "measured" : r.outcome === "fail" || r.outcome === "na";
    if (!ok) out.push({ id: r.id, expected, outcome: r.outcome, detail: r.detail });
  }
  return out;
}
