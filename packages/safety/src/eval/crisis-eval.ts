// Crisis detection figures for the README and the quality gate: per category and "any crisis",
// for rules alone, the model alone and both combined (the model's review escalations counted as
// detections, as the gateway escalates them), on the training corpus by cross-validation (the
// model's out-of-fold scores, model/cv-oof.json) or on a frozen set (the committed model).
import { createHash } from "node:crypto";
import type { CompiledSafetyRules } from "../compile/types.ts";
import { combineCrisis } from "../classifier/combine.ts";
import { decide } from "../model/decide.ts";
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
}

/** `scores[i]`: the model's head scores for line i (out-of-fold, or from the committed model). */
export function threeWay(lines: readonly LabelledLine[], scores: ReadonlyArray<ArrayLike<number>>, thresholds: CrisisModel["thresholds"], rules: CompiledSafetyRules): ThreeWay {
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
  return {
    rules: tally(byRules),
    model: tally(byModel),
    modelConfident: tally(confident),
    // As the gateway combines them: rule signals at any severity, the model's where they escalate.
    combined: tally(scans.map((r, i) => {
      const d = decisions[i]!;
      const verdict = { status: "ok" as const, categories: d.categories.map((category) => ({ category, score: d.probs[MODEL_CATEGORIES.indexOf(category) + 1]! })), review: d.review, evidence: "" };
      const both = combineCrisis(r, d.categories.length ? [{ path: "$", classifier: "builtin", verdict }] : [], rules.minEscalation);
      const kept = both.crisis.signals.filter((s) => s.source !== "model" || severityRank(s.severity) >= severityRank(rules.minEscalation));
      return [...new Set(kept.map((s) => s.category))].filter((c) => crisis.includes(c));
    })),
  };
}

export const corpusSha256 = (lines: ReadonlyArray<LabelledLine>) => createHash("sha256").update(lines.map((c) => `${JSON.stringify(c.labels)}\t${c.text}`).join("\n")).digest("hex");
