// A snapshot as the config file writes it and as it is compared with a file: the domain schema's
// output, with the safety rule set parsed by @tta/safety too (its defaults filled, its keys in
// schema order), so that a stored rule set and the same rules read from a file are equal.
import { validateSnapshot, type SnapshotCheck } from "@tta/domain";
import { validateSafetyRules } from "@tta/safety/rules";

export function normaliseSnapshot(raw: unknown): SnapshotCheck {
  const checked = validateSnapshot(raw);
  if (!checked.ok || checked.snapshot.safetyRules === null) return checked;
  const rules = validateSafetyRules(checked.snapshot.safetyRules);
  if (!rules.ok) return { ok: false, errors: rules.errors.map((e) => ({ path: e.path ? `safetyRules.${e.path}` : "safetyRules", message: e.message })) };
  return { ok: true, snapshot: { ...checked.snapshot, safetyRules: JSON.parse(JSON.stringify(rules.rules)) as unknown } };
}
