// What a scan reports. Matched text is normalized and PII-masked, short enough for an event excerpt.
import type { PiiKind } from "../pii/detectors.ts";
import type { Severity } from "../severity.ts";
import type { Suppression } from "./judge.ts";

export interface SafetySignal {
  category: string;
  severity: Severity;
  /** The rule that matched (`suicidal_ideation.p3` or the rule's own id). */
  rule: string;
  /** The matched words, normalized and masked, at most 120 characters. */
  match: string;
  /** Where in the body: `$` for a text body, `$.messages[2].content` in JSON. */
  path: string;
  /** True when a plan, means or timing cue raised the rule's severity one step. */
  raised: boolean;
  /** Who found it, once rules and a classifier are combined (classifier/combine.ts); rules alone leave it out. */
  source?: "rule" | "model" | "both";
  /** Escalated only because a classifier was unsure (or could not classify): for a person to review. */
  review?: boolean;
}

export interface SuppressedSignal extends Omit<SafetySignal, "raised" | "source" | "review"> {
  reason: Suppression;
}

export interface PiiFinding {
  kind: PiiKind;
  path: string;
}

export interface SafetyScanResult {
  crisis: { detected: boolean; severity: Severity | null; categories: string[]; signals: SafetySignal[] };
  content: { violations: SafetySignal[] };
  privacy: { pii: PiiFinding[] };
  /** A crisis at or above the rule set's escalation severity. */
  escalate: boolean;
  /** Matches that a cue cancelled, for audit and for tuning rules in "monitor" mode. */
  suppressed: SuppressedSignal[];
  /** Some of the input was not scanned (depth, count or size limits). */
  truncated: boolean;
  stats: { strings: number; chars: number };
  rulesVersion: string;
}

export interface ScanOptions {
  /** Nesting depth of JSON walked (default 16). */
  maxDepth?: number;
  /** String fields scanned (default 512). */
  maxStrings?: number;
  /** Characters scanned in all (default 64 KiB) and per string (default 8 KiB). */
  maxChars?: number;
  maxStringChars?: number;
  /** Signals and findings reported per list (default 32). */
  maxFindings?: number;
  /** Only these categories (e.g. a route's blocked content categories); all when left out. */
  categories?: readonly string[];
  /** Look for PII (default true). */
  privacy?: boolean;
}
