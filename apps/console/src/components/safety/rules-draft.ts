// The rules editor's draft: JSON text as the admin types it, checked as JSON and then with
// @tta/safety's validateSafetyRules (the server's own check), and the few settings the structured
// controls change in place (version, escalation severity, a category on or off).
import type { FieldError } from "@tta/domain/browser";
import { validateSafetyRules } from "@tta/safety/rules";

export type DraftCheck =
  | { kind: "json-error"; message: string }
  | { kind: "invalid"; value: unknown; errors: FieldError[] }
  | { kind: "valid"; value: unknown };

/** "Unexpected token } in JSON at position 120" -> with the line and column of that position. */
function jsonErrorMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$/, "")} (line ${line}, column ${column})`;
}

export function checkDraft(text: string): DraftCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: "json-error", message: jsonErrorMessage(text, error) };
  }
  const check = validateSafetyRules(value);
  return check.ok ? { kind: "valid", value } : { kind: "invalid", value, errors: check.errors };
}

export const formatRules = (value: unknown) => JSON.stringify(value, null, 2);

export interface CategorySummary {
  index: number;
  id: string;
  label: string;
  kind: string;
  enabled: boolean;
  phrases: number;
  patterns: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** What the structured controls show, when the draft is a JSON object shaped enough for them. */
export function summarize(value: unknown): { version: string; minSeverity: string; categories: CategorySummary[] } | null {
  if (!isObj(value) || !Array.isArray(value.categories)) return null;
  const escalation = isObj(value.escalation) ? value.escalation : {};
  return {
    version: typeof value.version === "string" ? value.version : "",
    minSeverity: typeof escalation.minSeverity === "string" ? escalation.minSeverity : "medium",
    categories: value.categories.filter(isObj).map((c, index) => ({
      index,
      id: String(c.id ?? ""),
      label: String(c.label ?? c.id ?? ""),
      kind: String(c.kind ?? ""),
      enabled: c.enabled !== false,
      phrases: Array.isArray(c.phrases) ? c.phrases.length : 0,
      patterns: Array.isArray(c.patterns) ? c.patterns.length : 0,
    })),
  };
}

export type StructuredEdit = { type: "version"; value: string } | { type: "minSeverity"; value: string } | { type: "enabled"; index: number; value: boolean };

/** Applies one structured edit to the draft's value (a copy); the text is then formatted again. */
export function applyEdit(value: unknown, edit: StructuredEdit): unknown {
  if (!isObj(value)) return value;
  const next = structuredClone(value);
  if (edit.type === "version") next.version = edit.value;
  if (edit.type === "minSeverity") next.escalation = { ...(isObj(next.escalation) ? next.escalation : {}), minSeverity: edit.value };
  if (edit.type === "enabled" && Array.isArray(next.categories) && isObj(next.categories[edit.index])) {
    (next.categories[edit.index] as Obj).enabled = edit.value;
  }
  return next;
}
