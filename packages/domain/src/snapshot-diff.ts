// A readable diff between two published snapshots: which services, policies and routes
// were added, removed or changed, and for a change each field's value before and after.
import { canonicalJson } from "./checksum.ts";
import type { TEntityDiff, TFieldChange } from "./console-api.ts";
import type { TSnapshot } from "./schemas.ts";

type Named = { name: string } & Record<string, unknown>;

// Ids are bookkeeping, not configuration: a route keeps its meaning when its row is re-created.
const IGNORED = new Set(["id"]);

function fieldsOf(entity: Named): string[] {
  return Object.keys(entity).filter((k) => !IGNORED.has(k) && k !== "name");
}

function changedFields(before: Named, after: Named): TFieldChange[] {
  const fields = [...new Set([...fieldsOf(before), ...fieldsOf(after)])];
  return fields
    .filter((f) => canonicalJson(before[f] ?? null) !== canonicalJson(after[f] ?? null))
    .map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

function diffList(kind: TEntityDiff["kind"], before: readonly Named[], after: readonly Named[]): TEntityDiff[] {
  const old = new Map(before.map((e) => [e.name, e]));
  const now = new Map(after.map((e) => [e.name, e]));
  const out: TEntityDiff[] = [];
  for (const name of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(name);
    const b = now.get(name);
    if (a && !b) out.push({ kind, name, change: "removed", fields: fieldsOf(a).map((f) => ({ field: f, before: a[f] ?? null, after: null })) });
    else if (!a && b) out.push({ kind, name, change: "added", fields: fieldsOf(b).map((f) => ({ field: f, before: null, after: b[f] ?? null })) });
    else if (a && b) {
      const fields = changedFields(a, b);
      if (fields.length) out.push({ kind, name, change: "changed", fields });
    }
  }
  return out;
}

/**
 * The safety rule set as one entity named "rules" (none when the built-in defaults apply): its
 * top-level settings as fields, and each category as a field of its own ("categories.self_harm").
 */
function safetyRulesEntities(rules: unknown): Named[] {
  if (rules === null || typeof rules !== "object" || Array.isArray(rules)) return [];
  const { categories, ...settings } = rules as Record<string, unknown>;
  const entity: Named = { ...settings, name: "rules" };
  if (Array.isArray(categories)) {
    categories.forEach((c, i) => {
      const id = c && typeof c === "object" && typeof (c as { id?: unknown }).id === "string" ? (c as { id: string }).id : String(i);
      entity[`categories.${id}`] = c;
    });
  }
  return [entity];
}

/** `before` null means "compared with nothing": everything in `after` is added. */
export function diffSnapshots(before: TSnapshot | null, after: TSnapshot): TEntityDiff[] {
  const empty = { services: [], rateLimitPolicies: [], authPolicies: [], routes: [], safetyRules: null };
  const b = before ?? empty;
  return [
    ...diffList("service", b.services as Named[], after.services as Named[]),
    ...diffList("rateLimitPolicy", b.rateLimitPolicies as Named[], after.rateLimitPolicies as Named[]),
    ...diffList("authPolicy", b.authPolicies as Named[], after.authPolicies as Named[]),
    ...diffList("route", b.routes as Named[], after.routes as Named[]),
    ...diffList("safetyRules", safetyRulesEntities(b.safetyRules), safetyRulesEntities(after.safetyRules)),
  ];
}
