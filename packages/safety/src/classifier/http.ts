// An operator's moderation endpoint as a crisis classifier: POST {"text": "..."} as JSON, answered
// with {"scores": {"suicidal_ideation": 0.93, ...}} (categories left out score 0). Scores at or
// above `threshold` are detections, at or above `reviewThreshold` are escalated for review. A
// timeout (the request is aborted, not merely raced), a network error, a non-2xx answer or a body
// of another shape is "unavailable": escalated for review, never a silent pass.
import { MODEL_CATEGORIES, type ModelCategory } from "../model/model.ts";
import type { ClassifierVerdict, ClassifyOptions, CrisisClassifier } from "./types.ts";

export interface HttpClassifierOptions {
  url: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
  threshold?: number;
  reviewThreshold?: number;
}

export const HTTP_CLASSIFIER_DEFAULTS = { timeoutMs: 300, threshold: 0.5, reviewThreshold: 0.2 };

export function createHttpClassifier(options: HttpClassifierOptions): CrisisClassifier {
  const { url, headers = {} } = options;
  const timeoutMs = options.timeoutMs ?? HTTP_CLASSIFIER_DEFAULTS.timeoutMs;
  const threshold = options.threshold ?? HTTP_CLASSIFIER_DEFAULTS.threshold;
  const reviewThreshold = options.reviewThreshold ?? HTTP_CLASSIFIER_DEFAULTS.reviewThreshold;
  return {
    name: "http",
    async classify(text: string, { signal }: ClassifyOptions = {}): Promise<ClassifierVerdict> {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ text }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        if (!res.ok) {
          await res.body?.cancel();
          return { status: "unavailable", reason: `http ${res.status}` };
        }
        const scores = readScores(await res.json());
        if (!scores) return { status: "unavailable", reason: "unexpected answer" };
        const ranked = MODEL_CATEGORIES.map((category) => ({ category, score: scores[category] ?? 0 })).sort((a, b) => b.score - a.score);
        const sure = ranked.filter((c) => c.score >= threshold);
        if (sure.length) return { status: "ok", categories: sure, review: false, evidence: "" };
        const unsure = ranked.filter((c) => c.score >= reviewThreshold);
        return { status: "ok", categories: unsure, review: unsure.length > 0, evidence: "" };
      } catch (error) {
        return { status: "unavailable", reason: timeout.aborted ? `timeout after ${timeoutMs} ms` : signal?.aborted ? "aborted" : `error: ${(error as Error).message}` };
      }
    },
  };
}

function readScores(body: unknown): Partial<Record<ModelCategory, number>> | null {
  const scores = (body as { scores?: unknown } | null)?.scores;
  if (!scores || typeof scores !== "object") return null;
  const out: Partial<Record<ModelCategory, number>> = {};
  for (const [k, v] of Object.entries(scores)) {
    if (typeof v !== "number" || !Number.isFinite(v)) return null;
    if ((MODEL_CATEGORIES as readonly string[]).includes(k)) out[k as ModelCategory] = v;
  }
  return out;
}
