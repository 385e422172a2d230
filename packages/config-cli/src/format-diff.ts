// A diff as a person reads it in a terminal: one line per entity, one indented line per field.
import type { TEntityDiff, TSafetyWeakening } from "@tta/domain";

const SIGN = { added: "+", removed: "-", changed: "~" } as const;
const show = (v: unknown) => (v === undefined ? "(unset)" : JSON.stringify(v));

export function formatDiff(diff: TEntityDiff[]): string[] {
  const lines: string[] = [];
  for (const d of diff) {
    lines.push(`${SIGN[d.change]} ${d.kind} ${d.name} (${d.change})`);
    if (d.change === "changed") for (const f of d.fields) lines.push(`    ${f.field}: ${show(f.before)} -> ${show(f.after)}`);
  }
  return lines;
}

export function formatWeakenings(weakenings: TSafetyWeakening[]): string[] {
  return weakenings.map((w) => `! ${w.route ? `route ${w.route}` : "safety rules"} ${w.field}: ${show(w.before)} -> ${show(w.after)} (${w.message})`);
}
