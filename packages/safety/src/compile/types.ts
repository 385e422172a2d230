// A rule set compiled once (at start-up or when a new rule set is published) into precompiled
// regexes and a literal prefilter: scanning a message builds no regex.
import type { Severity } from "../severity.ts";
import type { Prefilter } from "./prefilter.ts";

export interface CompiledRule {
  id: string;
  severity: Severity;
  negatable: boolean;
  framable: boolean;
  historical: boolean;
  /** The rule matches where any of its parts does. */
  parts: CompiledPart[];
}

export interface CompiledPart {
  /** Index in the rule set's Prefilter. */
  id: number;
  regex: RegExp;
  /** Literal sets (LiteralMatcher items) that must all be present for the regex to have a chance. */
  items: number[];
}

export interface CompiledCategory {
  id: string;
  kind: "crisis" | "content";
  label: string;
  rules: CompiledRule[];
  idioms: RegExp | null;
  intensifiers: RegExp | null;
  fictionScope: "sentence" | "message";
}

export interface CompiledCues {
  negation: RegExp;
  negationExceptions: RegExp | null;
  fillers: ReadonlySet<string>;
  maxGap: number;
  hypothetical: RegExp | null;
  historical: RegExp | null;
  recent: RegExp | null;
  fiction: RegExp | null;
  worldEntities: RegExp | null;
  reality: RegExp | null;
  speech: RegExp | null;
  firstPerson: RegExp | null;
}

export interface CompiledSafetyRules {
  version: string;
  minEscalation: Severity;
  categories: CompiledCategory[];
  cues: CompiledCues;
  prefilter: Prefilter;
  /** Part id -> its rule and category. */
  parts: { category: CompiledCategory; rule: CompiledRule; part: CompiledPart }[];
}
