// Rules + classifier -> one crisis result. A classifier's detection becomes a signal like a rule's
// (a confident one at "high", an unsure one at the rule set's escalation severity, marked `review`;
// a classifier that could not answer is an "unclassified" review signal), so it escalates exactly
// as a rule hit does. Where both found the same category in the same string, the rule's signal is
// kept, marked "both", at the higher of the two severities. Where the rules found abuse aimed at
// someone else in the string (harassment, goading to self-harm, a violent threat), a crisis the
// model alone sees there is most likely those words ("you are worthless, go die"): it is kept, at
// "low" and marked review, so the content policy answers and the signal still reaches the event.
// Where the rules judged the category's words negated, hypothetical, distant past, quoted or
// fiction in that string ("I'm not going to kill myself, don't worry") and found nothing else, the
// model's signal is marked review at the escalation severity: still escalated (on CV, setting it
// lower cost 0.5 point of recall and bought no precision), but as a question for a person.
import { maskPii } from "../pii/mask-text.ts";
import type { SafetyScanResult, SafetySignal } from "../scan/types.ts";
import { maxSeverity, severityRank, type Severity } from "../severity.ts";
import type { ClassifierVerdict, ClassifyOptions, CrisisClassifier } from "./types.ts";

export const MODEL_SEVERITY: Severity = "high";
/** When the rules found the model's top category too, its other categories count only from this score. */
export const AGREED_SECOND = 0.5;
export const UNCLASSIFIED = "unclassified";
const MAX_SIGNALS = 32;
/** Content categories whose words a model reads as the writer's own crisis. */
export const AIMED_AT_OTHERS: readonly string[] = ["harassment_hate", "self_harm_encouragement", "violent_threat"];
/** The rules' judgements that turn a model-only signal of the same category and string into a review. */
export const JUDGED: readonly string[] = ["negated", "hypothetical", "historical", "quoted", "fiction", "idiom"];

export interface ModelFinding {
  /** The string's path, as the rule scan names it (`$`, `$.messages[2].content`). */
  path: string;
  classifier: string;
  verdict: ClassifierVerdict;
}

/** Classifies each string with a word in it (ids such as "s-1" have none); concurrent for an async classifier. */
export async function classifyStrings(items: ReadonlyArray<{ path: string; text: string }>, classifier: CrisisClassifier, options: ClassifyOptions = {}): Promise<ModelFinding[]> {
  const worth = items.filter((i) => /\p{L}{2}|\p{Extended_Pictographic}/u.test(i.text));
  const verdicts = await Promise.all(worth.map((i) => classifier.classify(i.text, options)));
  return worth.map((i, n) => ({ path: i.path, classifier: classifier.name, verdict: verdicts[n]! })).filter((f) => f.verdict.status === "unavailable" || f.verdict.categories.length > 0);
}

/**
 * The model's categories worth adding to what the rules found in the same string: all of them,
 * unless the rules found its top category too; then its other, weaker guesses only when likely.
 */
export function modelCategories<T extends { category: string; score: number }>(categories: readonly T[], ruleCategories: readonly string[]): T[] {
  if (categories.length === 0 || !ruleCategories.includes(categories[0]!.category)) return [...categories];
  return [categories[0]!, ...categories.slice(1).filter((c) => c.score >= AGREED_SECOND)];
}

export function combineCrisis(result: SafetyScanResult, findings: readonly ModelFinding[], minEscalation: Severity): SafetyScanResult {
  const signals: SafetySignal[] = result.crisis.signals.map((s) => ({ ...s, source: s.source ?? "rule" }));
  const abusive = new Set(result.content.violations.filter((v) => AIMED_AT_OTHERS.includes(v.category)).map((v) => v.path));
  const judged = new Set(result.suppressed.filter((s) => JUDGED.includes(s.reason)).map((s) => `${s.category}\u0000${s.path}`));
  for (const f of findings) {
    const ruled = result.crisis.signals.filter((s) => s.path === f.path).map((s) => s.category);
    const verdict = f.verdict.status === "ok" ? { ...f.verdict, categories: modelCategories(f.verdict.categories, ruled) } : f.verdict;
    for (const found of modelSignals({ ...f, verdict }, minEscalation)) {
      const same = signals.filter((s) => s.category === found.category && s.path === found.path && s.source !== "model");
      if (same.length === 0) {
        const model = found.category !== UNCLASSIFIED;
        if (model && abusive.has(found.path)) signals.push({ ...found, severity: "low", review: true });
        else if (model && judged.has(`${found.category}\u0000${found.path}`)) signals.push({ ...found, severity: minEscalation, review: true });
        else signals.push(found);
        continue;
      }
      for (const s of same) {
        const ruleEscalates = severityRank(s.severity) >= severityRank(minEscalation);
        s.source = "both";
        s.review = ruleEscalates ? s.review : (found.review ?? false);
        s.severity = maxSeverity(s.severity, found.severity);
      }
    }
  }
  if (findings.length === 0) return { ...result, crisis: { ...result.crisis, signals } };
  signals.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || Number(a.review ?? false) - Number(b.review ?? false));
  const kept = signals.slice(0, MAX_SIGNALS);
  const severity = kept.reduce<Severity | null>((max, s) => maxSeverity(max, s.severity), null);
  return {
    ...result,
    crisis: { detected: kept.length > 0, severity, categories: [...new Set(kept.map((s) => s.category))], signals: kept },
    escalate: result.escalate || (severity !== null && severityRank(severity) >= severityRank(minEscalation)),
  };
}

function modelSignals(f: ModelFinding, minEscalation: Severity): SafetySignal[] {
  const v = f.verdict;
  if (v.status === "unavailable") {
    return [{ category: UNCLASSIFIED, severity: minEscalation, rule: `model:${f.classifier}:unavailable`, match: v.reason, path: f.path, raised: false, source: "model", review: true }];
  }
  const match = maskPii(v.evidence).trim();
  return v.categories.map(({ category, score }) => ({
    category,
    severity: v.review ? minEscalation : MODEL_SEVERITY,
    rule: `model:${f.classifier}${v.review ? ":review" : ""}:${score.toFixed(2)}`,
    match,
    path: f.path,
    raised: false,
    source: "model" as const,
    review: v.review,
  }));
}
