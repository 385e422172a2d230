// The safety side of a config snapshot, checked where it is published (packages/db) and where a
// gateway takes it: the rule set (null = the defaults) and the content categories routes block,
// with field paths of the snapshot ("safetyRules.categories.2.phrases.0.phrase",
// "routes.3.blockedCategories.0") so the console can show them next to the fields.
import type { FieldError } from "@tta/domain/browser";
import { DEFAULT_SAFETY_RULES } from "./defaults/index.ts";
import { validateSafetyRules } from "./validate.ts";

export interface SnapshotSafety {
  safetyRules: unknown;
  routes: ReadonlyArray<{ blockedCategories: readonly string[] }>;
}

export function checkSnapshotSafety(snapshot: SnapshotSafety): FieldError[] {
  let categories: ReadonlyArray<{ id: string; kind: "crisis" | "content" }> = DEFAULT_SAFETY_RULES.categories;
  if (snapshot.safetyRules !== null && snapshot.safetyRules !== undefined) {
    const check = validateSafetyRules(snapshot.safetyRules);
    if (!check.ok) return check.errors.map((e) => ({ path: e.path ? `safetyRules.${e.path}` : "safetyRules", message: e.message }));
    categories = check.rules.categories;
  }
  const content = categories.filter((c) => c.kind === "content").map((c) => c.id);
  const crisis = new Set(categories.filter((c) => c.kind === "crisis").map((c) => c.id));
  const errors: FieldError[] = [];
  snapshot.routes.forEach((route, i) =>
    route.blockedCategories.forEach((id, j) => {
      if (content.includes(id)) return;
      const message = crisis.has(id)
        ? `"${id}" is a crisis category: a crisis is escalated, never refused`
        : `the safety rules have no content category "${id}" (${content.join(", ") || "none"})`;
      errors.push({ path: `routes.${i}.blockedCategories.${j}`, message });
    }),
  );
  return errors;
}
