// What a new configuration takes away from the safety of the one before: crisis scanning turned
// down or off on a route, PII masking or PII refusal turned off, blocked content categories
// dropped, safety rule categories removed or disabled. The console warns with this list; the
// platform CLI will refuse such a change unless a clinician approves it.
import type { TSnapshot } from "../schemas.ts";
import type { TSafetyWeakening } from "./api.ts";

const SCAN_RANK = { off: 0, monitor: 1, enforce: 2 } as const;

type RuleCategory = { id: string; enabled?: boolean };
type SafetySide = Pick<TSnapshot, "routes" | "safetyRules">;

/** The categories of a snapshot's rule set; `defaults` stands for null (the built-in rules). */
function categoriesOf(rules: unknown, defaults: readonly RuleCategory[]): RuleCategory[] {
  if (rules === null || rules === undefined) return [...defaults];
  const list = (rules as { categories?: unknown }).categories;
  return Array.isArray(list) ? list.filter((c): c is RuleCategory => !!c && typeof (c as RuleCategory).id === "string") : [];
}

export function findSafetyWeakenings(before: SafetySide, after: SafetySide, defaultCategories: readonly RuleCategory[]): TSafetyWeakening[] {
  const out: TSafetyWeakening[] = [];
  const now = new Map(after.routes.map((r) => [r.name, r]));
  for (const old of [...before.routes].sort((a, b) => a.name.localeCompare(b.name))) {
    const r = now.get(old.name);
    if (!r) continue; // a removed route serves nothing, scanned or not
    if (SCAN_RANK[r.safetyScan] < SCAN_RANK[old.safetyScan]) {
      const message = r.safetyScan === "off" ? "crisis and content scanning is turned off" : "scanning no longer enforces (monitor only: nothing is refused or escalated)";
      out.push({ route: r.name, field: "safetyScan", before: old.safetyScan, after: r.safetyScan, message });
    }
    if (old.maskResponsePii && !r.maskResponsePii) out.push({ route: r.name, field: "maskResponsePii", before: true, after: false, message: "PII in answers is no longer masked" });
    if (old.forbidPii && !r.forbidPii) out.push({ route: r.name, field: "forbidPii", before: true, after: false, message: "requests carrying PII are no longer refused" });
    const dropped = old.blockedCategories.filter((c) => !r.blockedCategories.includes(c));
    if (dropped.length) out.push({ route: r.name, field: "blockedCategories", before: old.blockedCategories, after: r.blockedCategories, message: `no longer blocks ${dropped.join(", ")}` });
  }
  const nowCategories = new Map(categoriesOf(after.safetyRules, defaultCategories).map((c) => [c.id, c]));
  for (const c of categoriesOf(before.safetyRules, defaultCategories)) {
    const next = nowCategories.get(c.id);
    if (!next) out.push({ route: null, field: `categories.${c.id}`, before: "present", after: "removed", message: `safety rule category ${c.id} is removed` });
    else if (c.enabled !== false && next.enabled === false) out.push({ route: null, field: `categories.${c.id}`, before: "enabled", after: "disabled", message: `safety rule category ${c.id} is disabled` });
  }
  return out;
}
