// Scans every string of a decoded body, whatever its size and shape, with nothing left unscanned:
// the value is flattened without recursion (a body nested 100,000 deep is walked like a flat one),
// then scanned in pieces of about PIECE_CHARS with limits that cover each piece, so the scanner's
// own bounds (depth 16, 512 strings, 64 KiB, 8 KiB a string) never cut anything off. A string
// longer than a piece is cut at a space into windows that overlap by OVERLAP characters, so a
// phrase across a cut is whole in one of them. Large bodies yield to the event loop between pieces.
// With a crisis classifier, each piece's strings are classified too and combined with the rules'
// signals (a model-only crisis escalates as a rule hit does; an unsure one at a lower severity,
// marked for review).
import { classifyStrings, combineCrisis, scan, severityRank, type CompiledSafetyRules, type CrisisClassifier, type SafetyScanResult, type SafetySignal } from "@tta/safety";

export interface ScanItem {
  /** `$.messages[2].content`: a path into the value the excerpt is cut from. */
  readonly path: string;
  /** A string, or an integer of 9+ digits (looked at for PII only, as the scanner does). */
  readonly value: string | number;
}

export const PIECE_CHARS = 32 * 1024;
export const OVERLAP = 512;
const YIELD_AFTER = 256 * 1024; // characters scanned before the first pause for other requests
const MAX_PATH = 240;

/** The strings (and PII-sized integers) of a JSON-like value, in document order; keys are not scanned. */
export function flatten(value: unknown, root = "$"): ScanItem[] {
  const items: ScanItem[] = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: value, path: root }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (typeof node === "string") {
      if (node !== "") items.push({ path, value: node });
    } else if (typeof node === "number") {
      if (Number.isInteger(node) && Math.abs(node) >= 1e8) items.push({ path, value: node });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: `${path}[${i}]` });
    } else if (node !== null && typeof node === "object") {
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ node: (node as Record<string, unknown>)[keys[i]!], path: step(path, keys[i]!) });
    }
  }
  return items;
}

const step = (path: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

export interface ItemsScan {
  result: SafetyScanResult;
  /** CPU time of the scanning, in ms (pauses excluded). */
  scanMs: number;
}

export interface ClassifyWith {
  classifier: CrisisClassifier | null;
  signal?: AbortSignal;
}

export async function scanItems(items: readonly ScanItem[], rules: CompiledSafetyRules, model: ClassifyWith = { classifier: null }): Promise<ItemsScan> {
  const results: SafetyScanResult[] = [];
  let scanMs = 0;
  let scanned = 0;
  for (const piece of pieces(items)) {
    if (scanned >= YIELD_AFTER) await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    const values = piece.map((p) => p.value);
    const chars = values.reduce<number>((n, v) => n + (typeof v === "string" ? v.length : 20), 0);
    const longest = values.reduce<number>((n, v) => Math.max(n, typeof v === "string" ? v.length : 20), 0);
    const result = scan(values.length === 1 ? values[0] : values, rules, { maxDepth: 2, maxStrings: values.length + 1, maxChars: chars + 1, maxStringChars: longest + 1 });
    let combined = repath(result, piece);
    if (model.classifier) {
      const strings = piece.filter((p): p is { path: string; value: string } => typeof p.value === "string").map((p) => ({ path: p.path, text: p.value }));
      combined = combineCrisis(combined, await classifyStrings(strings, model.classifier, { signal: model.signal }), rules.minEscalation);
    }
    results.push(combined);
    scanned += chars;
    scanMs += performance.now() - started;
  }
  return { result: merge(results, rules.version), scanMs };
}

/** Items grouped into pieces of about PIECE_CHARS; a longer string cut into overlapping windows. */
export function* pieces(items: readonly ScanItem[]): Generator<ScanItem[]> {
  let piece: ScanItem[] = [];
  let size = 0;
  for (const item of items) {
    for (const part of windows(item)) {
      const n = typeof part.value === "string" ? part.value.length : 20;
      if (piece.length && size + n > PIECE_CHARS) {
        yield piece;
        piece = [];
        size = 0;
      }
      piece.push(part);
      size += n;
    }
  }
  if (piece.length) yield piece;
}

function* windows(item: ScanItem): Generator<ScanItem> {
  const text = item.value;
  if (typeof text !== "string" || text.length <= PIECE_CHARS) return yield item;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + PIECE_CHARS);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start + PIECE_CHARS / 2) end = space;
    }
    yield { path: item.path, value: text.slice(start, end) };
    if (end >= text.length) return;
    const back = text.indexOf(" ", end - OVERLAP); // the next window starts at a word
    start = back === -1 || back >= end ? end - OVERLAP : back + 1;
  }
}

/** The scanner's `$[i]` paths back to the items' own (long ones shortened). */
function repath(result: SafetyScanResult, piece: readonly ScanItem[]): SafetyScanResult {
  const found = result.crisis.signals.length + result.content.violations.length + result.privacy.pii.length + result.suppressed.length;
  if (found === 0 || (piece.length === 1 && piece[0]!.path === "$")) return result; // nothing to fix: most bodies
  const real = (path: string): string => {
    const i = piece.length === 1 ? 0 : Number(/^\$\[(\d+)\]/.exec(path)?.[1] ?? NaN);
    const p = piece[i]?.path ?? path;
    return p.length > MAX_PATH ? `${p.slice(0, 60)}…${p.slice(-(MAX_PATH - 61))}` : p;
  };
  const fix = <T extends { path: string }>(list: T[]) => list.map((s) => ({ ...s, path: real(s.path) }));
  return {
    ...result,
    crisis: { ...result.crisis, signals: fix(result.crisis.signals) },
    content: { violations: fix(result.content.violations) },
    privacy: { pii: fix(result.privacy.pii) },
    suppressed: fix(result.suppressed),
  };
}

const MAX_FINDINGS = 32;
const key = (s: { category: string; rule: string; path: string }) => `${s.category}\u0000${s.rule}\u0000${s.path}`;
const bySeverity = (a: SafetySignal, b: SafetySignal) => severityRank(b.severity) - severityRank(a.severity);

function unique<T>(lists: T[][], keyOf: (t: T) => string, keep: (old: T, next: T) => T = (old) => old): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const t of list) seen.set(keyOf(t), seen.has(keyOf(t)) ? keep(seen.get(keyOf(t))!, t) : t);
  return [...seen.values()];
}

/** One result for all pieces, as one scan of the whole would report it. */
export function merge(results: readonly SafetyScanResult[], rulesVersion: string): SafetyScanResult {
  if (results.length === 1) return results[0]!;
  const higher = (a: SafetySignal, b: SafetySignal) => (severityRank(b.severity) > severityRank(a.severity) ? b : a);
  const crisis = unique(results.map((r) => r.crisis.signals), key, higher).sort(bySeverity).slice(0, MAX_FINDINGS);
  const violations = unique(results.map((r) => r.content.violations), key, higher).sort(bySeverity).slice(0, MAX_FINDINGS);
  const found = new Set([...crisis, ...violations].map(key));
  return {
    crisis: { detected: crisis.length > 0, severity: crisis[0]?.severity ?? null, categories: [...new Set(crisis.map((s) => s.category))], signals: crisis },
    content: { violations },
    privacy: { pii: unique(results.map((r) => r.privacy.pii), (p) => `${p.kind}\u0000${p.path}`).slice(0, MAX_FINDINGS) },
    escalate: results.some((r) => r.escalate),
    suppressed: unique(results.map((r) => r.suppressed), key).filter((s) => !found.has(key(s))).slice(0, MAX_FINDINGS),
    truncated: results.some((r) => r.truncated),
    stats: { strings: results.reduce((n, r) => n + r.stats.strings, 0), chars: results.reduce((n, r) => n + r.stats.chars, 0) },
    rulesVersion: results[0]?.rulesVersion ?? rulesVersion,
  };
}
