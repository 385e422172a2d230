// The safety scan of a request body or message: crisis signals, content violations and PII, from
// a compiled rule set. Plain text or a parsed JSON value (its string fields, within limits).
import type { CompiledCategory, CompiledRule, CompiledSafetyRules } from "../compile/types.ts";
import { findPiiSpans } from "../pii/find.ts";
import { maskPii } from "../pii/mask-text.ts";
import { maxSeverity, raiseSeverity, severityRank, type Severity } from "../severity.ts";
import { hasMatch } from "../text/find-all.ts";
import { normalizeText } from "../text/normalize.ts";
import { collectStrings, formatPath, type CollectedString } from "./collect.ts";
import { judgeMatch, TextFacts } from "./judge.ts";
import type { PiiFinding, SafetyScanResult, SafetySignal, ScanOptions, SuppressedSignal } from "./types.ts";

const DEFAULTS = { maxDepth: 16, maxStrings: 512, maxChars: 64 * 1024, maxStringChars: 8 * 1024, maxFindings: 32 };
/** Matches judged per rule part and string: a text repeating a negated phrase 300 times stops here. */
const MAX_JUDGED = 16;

interface Found {
  signals: Map<string, SafetySignal>;
  suppressed: Map<string, SuppressedSignal>;
}

export function scan(input: unknown, rules: CompiledSafetyRules, options: ScanOptions = {}): SafetyScanResult {
  const limits = { ...DEFAULTS, ...options };
  const collected = collectStrings(input, limits);
  const only = options.categories ? new Set(options.categories) : null;
  const found: Found = { signals: new Map(), suppressed: new Map() };
  const pii: PiiFinding[] = [];

  for (const item of collected.items) {
    if (options.privacy !== false) findPii(item, pii, limits.maxFindings);
    if (!item.numeric) scanString(item, rules, only, found);
  }

  const signals = [...found.signals.values()].sort(bySeverity);
  const crisis = signals.filter((s) => kindOf(rules, s.category) === "crisis").slice(0, limits.maxFindings);
  const severity = crisis.reduce<Severity | null>((max, s) => maxSeverity(max, s.severity), null);
  return {
    crisis: { detected: crisis.length > 0, severity, categories: [...new Set(crisis.map((s) => s.category))], signals: crisis },
    content: { violations: signals.filter((s) => kindOf(rules, s.category) === "content").slice(0, limits.maxFindings) },
    privacy: { pii },
    escalate: severity !== null && severityRank(severity) >= severityRank(rules.minEscalation),
    suppressed: [...found.suppressed.values()].filter((s) => !found.signals.has(key(s))).slice(0, limits.maxFindings),
    truncated: collected.truncated,
    stats: { strings: collected.items.length, chars: collected.chars },
    rulesVersion: rules.version,
  };
}

/** Runs the parts the prefilter lets through; one signal per rule and string is enough. */
function scanString(item: CollectedString, rules: CompiledSafetyRules, only: Set<string> | null, found: Found): void {
  const text = normalizeText(item.text);
  if (text.length < 2) return;
  const candidates = rules.prefilter.candidates(text);
  if (candidates.length === 0) return; // most strings of a body: ids, enums, calm text
  const path = formatPath(item.path);
  const facts = new TextFacts(text);
  const done = new Set<CompiledRule>();
  const intensified = new Map<CompiledCategory, boolean>();
  for (const id of candidates) {
    const { category, rule, part } = rules.parts[id]!;
    if (done.has(rule) || (only && !only.has(category.id))) continue;
    const re = part.regex;
    re.lastIndex = 0;
    let judged = 0;
    for (let m = re.exec(text); m && judged < MAX_JUDGED; m = re.exec(text), judged++) {
      // Every start position is tried: "i'm not okay i want to die" has a match with "not" in it
      // (negated) and a later one without (a signal).
      re.lastIndex = m.index + 1;
      const base = { category: category.id, rule: rule.id, match: excerpt(m[0]), path };
      const reason = judgeMatch(facts, { start: m.index, end: m.index + m[0].length }, rule, category, rules.cues);
      if (reason) {
        const s: SuppressedSignal = { ...base, severity: rule.severity, reason };
        if (!found.suppressed.has(key(s))) found.suppressed.set(key(s), s);
        continue;
      }
      if (!intensified.has(category)) intensified.set(category, category.intensifiers !== null && hasMatch(category.intensifiers, text));
      const raised = intensified.get(category)! && rule.severity !== "critical";
      found.signals.set(key(base), { ...base, severity: raised ? raiseSeverity(rule.severity) : rule.severity, raised });
      done.add(rule);
      break;
    }
  }
}

function findPii(item: CollectedString, out: PiiFinding[], max: number): void {
  if (out.length >= max) return;
  const spans = findPiiSpans(item.text);
  if (spans.length === 0) return;
  const path = formatPath(item.path);
  for (const span of spans) {
    if (!out.some((f) => f.kind === span.kind && f.path === path)) out.push({ kind: span.kind, path });
    if (out.length >= max) return;
  }
}

const key = (s: { category: string; rule: string; path: string }) => `${s.category}\u0000${s.rule}\u0000${s.path}`;
const bySeverity = (a: SafetySignal, b: SafetySignal) => severityRank(b.severity) - severityRank(a.severity);
const excerpt = (s: string) => maskPii(s.length > 120 ? `${s.slice(0, 117)}...` : s).trim();
const kindOf = (rules: CompiledSafetyRules, id: string) => rules.categories.find((c) => c.id === id)?.kind;
