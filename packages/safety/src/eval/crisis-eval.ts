// Crisis detection figures for the README and the quality gate: per category and "any crisis",
// for rules alone, the model alone and both combined (the model's review escalations counted as
// detections, as the gateway escalates them), with and without the second stage, on the training
// corpus by cross-validation (the out-of-fold scores, model/cv-oof.json and model/confirm-oof.json)
// or on a frozen set (the committed models).
import { createHash } from "node:crypto";
import type { CompiledSafetyRules } from "../compile/types.ts";
import { combineCrisis } from "../classifier/combine.ts";
import { confirmDecision, decide, type ModelDecision } from "../model/decide.ts";
import { MODEL_CATEGORIES, type CrisisModel } from "../model/model.ts";
import { scan } from "../scan/scan.ts";
import { severityRank } from "../severity.ts";
import { report, type Counts } from "./metrics.ts";

export interface LabelledLine {
  text: string;
  labels: string[];
}

export interface ThreeWay {
  rules: Map<string, Counts>;
  model: Map<string, Counts>;
  modelConfident: Map<string, Counts>;
  combined: Map<string, Counts>;
  /** With the second stage, when its scores were given: the model with review, and rules + model. */
  cascade?: { model: Map<string, Counts>; combined: Map<string, Counts> };
}

export interface SecondStage {
  /** Per line, the second stage's probability (only read where the first stage flags the line). */
  probs: ArrayLike<number>;
  thresholds: { confident: number; review: number };
}

/** `scores[i]`: the model's head scores for line i (out-of-fold, or from the committed model). */
export function threeWay(lines: readonly LabelledLine[], scores: ReadonlyArray<ArrayLike<number>>, thresholds: CrisisModel["thresholds"], rules: CompiledSafetyRules, second?: SecondStage): ThreeWay {
  const crisis = MODEL_CATEGORIES as readonly string[];
  const scans = lines.map((l) => scan(l.text, rules));
  const byRules = scans.map((r) => r.crisis.categories.filter((c) => crisis.includes(c)));
  const decisions = scores.map((s) => decide(thresholds, s));
  const byModel = decisions.map((d) => d.categories as string[]);
  const confident = decisions.map((d) => (d.review ? [] : (d.categories as string[])));
  const tally = (predicted: string[][]) => {
    const r = report(lines.map((l, i) => ({ labels: l.labels, predicted: predicted[i]! })), crisis, crisis);
    return new Map<string, Counts>([["any crisis", r.anyCrisis], ...r.perLabel]);
  };
  // As the gateway combines them: rule signals at any severity, the model's where they escalate.
  const combine = (list: readonly ModelDecision[]) =>
    tally(scans.map((r, i) => {
      const d = list[i]!;
      const verdict = { status: "ok" as const, categories: d.categories.map((category) => ({ category, score: d.probs[MODEL_CATEGORIES.indexOf(category) + 1]! })), review: d.review, evidence: "" };
      const both = combineCrisis(r, d.categories.length ? [{ path: "$", classifier: "builtin", verdict }] : [], rules.minEscalation);
      const kept = both.crisis.signals.filter((s) => s.source !== "model" || severityRank(s.severity) >= severityRank(rules.minEscalation));
      return [...new Set(kept.map((s) => s.category))].filter((c) => crisis.includes(c));
    }));
  const confirmed = second && decisions.map((d, i) => confirmDecision(d, second.probs[i]!, second.thresholds));
  return {
    rules: tally(byRules),
    model: tally(byModel),
    modelConfident: tally(confident),
    combined: combine(decisions),
    ...(confirmed ? { cascade: { model: tally(confirmed.map((d) => d.categories as string[])), combined: combine(confirmed) } } : {}),
  };
}

export const corpusSha256 = (lines: ReadonlyArray<LabelledLine>) => createHash("sha256").update(lines.map((c) => `${JSON.stringify(c.labels)}\t${c.text}`).join("\n")).digest("hex");
