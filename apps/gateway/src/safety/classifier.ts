// The crisis classifier the gateway combines with its rules, built once at start-up: the built-in
// model (read and decoded here, never per request), an operator's HTTP moderation endpoint, or
// none. A failing endpoint is not a start-up error: each text it cannot classify is escalated for
// review (packages/safety classifier/http.ts).
import { createBuiltinClassifier, createHttpClassifier, type CrisisClassifier } from "@tta/safety";
import { DEFAULTS } from "../env.ts";

export interface ClassifierOptions {
  kind: "builtin" | "http" | "off";
  url?: string;
  timeoutMs?: number;
}

export function buildClassifier(options: ClassifierOptions | CrisisClassifier | undefined): CrisisClassifier | null {
  if (options && "classify" in options) return options;
  const kind = options?.kind ?? DEFAULTS.CRISIS_CLASSIFIER;
  if (kind === "off") return null;
  if (kind === "builtin") return createBuiltinClassifier();
  if (!options?.url) throw new Error("CRISIS_CLASSIFIER=http needs CRISIS_CLASSIFIER_URL");
  return createHttpClassifier({ url: options.url, timeoutMs: options.timeoutMs ?? DEFAULTS.CRISIS_CLASSIFIER_TIMEOUT_MS });
}
