// The excerpt a clinician reads: the player's own words where the signals were found (the string
// fields at the signals' paths, a text body whole), PII masked before anything is cut, at most
// three fields and MAX_EXCERPT_CHARS in all. When no field can be found again (a path shortened in
// a body nested very deep), the matched words themselves (normalized and masked by the scanner).
import { maskPii, sensitiveKeyKind, PII_LABELS } from "@tta/safety";
import type { EventSignal } from "./verdict.ts";

const PER_FIELD = 320;
const MAX_FIELDS = 3;
const STEP = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/** The value at a scanner path (`$`, `$.messages[2].content`, `$["odd key"]`), with its last key. */
export function valueAt(root: unknown, path: string): { value: unknown; key: string | null } | null {
  if (!path.startsWith("$")) return null;
  let node = root;
  let key: string | null = null;
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const m = STEP.exec(path);
    if (!m || node === null || typeof node !== "object") return null;
    key = m[1] ?? (m[3] ? (JSON.parse(m[3]) as string) : null);
    node = m[2] !== undefined ? (node as unknown[])[Number(m[2])] : (node as Record<string, unknown>)[key!];
  }
  return { value: node, key };
}

function field(root: unknown, path: string): string | null {
  const at = valueAt(root, path);
  if (!at || (typeof at.value !== "string" && typeof at.value !== "number")) return null;
  const sensitive = at.key ? sensitiveKeyKind(at.key) : null;
  if (sensitive) return PII_LABELS[sensitive]; // a password or an email field is never shown
  const masked = maskPii(String(at.value)).replace(/\s+/g, " ").trim();
  return masked.length > PER_FIELD ? `${masked.slice(0, PER_FIELD - 1)}…` : masked;
}

export function excerptOf(input: unknown, signals: readonly EventSignal[]): string {
  const paths = [...new Set(signals.map((s) => s.path))].slice(0, MAX_FIELDS);
  const parts = paths.map((p) => field(input, p)).filter((t): t is string => !!t);
  if (parts.length === 0) return [...new Set(signals.map((s) => s.match))].slice(0, MAX_FIELDS).join(" … ");
  return parts.join(" … ");
}
