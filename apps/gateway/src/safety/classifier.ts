// The crisis classifier the gateway combines with its rules, built once at start-up: the built-in
// model (read and decoded here, never per request), an operator's HTTP moderation endpoint, or
// none. A failing endpoint is not a start-up error: each text it cannot classify is escalated for
// review (packages/safety classifier/http.ts), and the outage is logged once when it starts and
// once when it ends, not per request.
import { createBuiltinClassifier, createHttpClassifier, type ClassifierVerdict, type CrisisClassifier } from "@tta/safety";
import type { Logger } from "pino";
import { DEFAULTS } from "../env.ts";

export interface ClassifierOptions {
  kind: "builtin" | "http" | "off";
  url?: string;
  timeoutMs?: number;
}

export function buildClassifier(options: ClassifierOptions | CrisisClassifier | undefined, log?: Pick<Logger, "warn" | "info">): CrisisClassifier | null {
  if (options && "classify" in options) return log ? watched(options, log) : options;
  const kind = options?.kind ?? DEFAULTS.CRISIS_CLASSIFIER;
  if (kind === "off") return null;
  if (kind === "builtin") return createBuiltinClassifier();
  if (!options?.url) throw new Error("CRISIS_CLASSIFIER=http needs CRISIS_CLASSIFIER_URL");
  const http = createHttpClassifier({ url: options.url, timeoutMs: options.timeoutMs ?? DEFAULTS.CRISIS_CLASSIFIER_TIMEOUT_MS });
  return log ? watched(http, log) : http;
}

/** Logs the first "unavailable" of an outage and the first answer after it, with the count between. */
function watched(inner: CrisisClassifier, log: Pick<Logger, "warn" | "info">): CrisisClassifier {
  let failures = 0;
  const note = (verdict: ClassifierVerdict): ClassifierVerdict => {
    if (verdict.status === "unavailable") {
      if (failures++ === 0) log.warn({ classifier: inner.name, reason: verdict.reason }, "crisis classifier unavailable: messages it cannot classify are escalated for review");
    } else if (failures > 0) {
      log.info({ classifier: inner.name, failures }, "crisis classifier answers again");
      failures = 0;
    }
    return verdict;
  };
  return {
    name: inner.name,
    classify(text, options) {
      const verdict = inner.classify(text, options);
      return verdict instanceof Promise ? verdict.then(note) : note(verdict);
    },
  };
}
