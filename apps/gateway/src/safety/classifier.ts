// The crisis classifier the gateway combines with its rules, built once at start-up: the built-in
// model (read and decoded here, never per request) with its second stage, the sentence encoder on
// its own thread (loaded at start; what the first stage flags waits for it), an operator's HTTP
// moderation endpoint, or none. A failing endpoint is not a start-up error: each text it cannot classify is escalated for
// review (packages/safety classifier/http.ts), and the outage is logged once when it starts and
// once when it ends, not per request.
import { createBuiltinClassifier, createHttpClassifier, type ClassifierVerdict, type CrisisClassifier } from "@tta/safety";
import { createConfirmedClassifier, startEncoderThread } from "@tta/safety/confirm";
import type { Logger } from "pino";
import { DEFAULTS } from "../env.ts";
import type { SafetyMeters } from "../metrics/safety-meters.ts";

export interface ClassifierOptions {
  kind: "builtin" | "http" | "off";
  url?: string;
  timeoutMs?: number;
  /** The built-in model's second stage: the sentence encoder, or none (the first stage alone). */
  confirm?: "encoder" | "off";
  confirmTimeoutMs?: number;
}

export interface BuiltClassifier {
  classifier: CrisisClassifier | null;
  close(): Promise<void>;
}

export function buildClassifier(options: ClassifierOptions | CrisisClassifier | undefined, log?: Pick<Logger, "warn" | "info">, meters?: Pick<SafetyMeters, "secondStage" | "secondStagePending">): BuiltClassifier {
  const none = async () => {};
  if (options && "classify" in options) return { classifier: log ? watched(options, log) : options, close: none };
  const kind = options?.kind ?? DEFAULTS.CRISIS_CLASSIFIER;
  if (kind === "off") return { classifier: null, close: none };
  if (kind === "builtin") {
    if ((options?.confirm ?? DEFAULTS.CRISIS_CONFIRM) === "off") return { classifier: createBuiltinClassifier(), close: none };
    const encoder = startEncoderThread({ timeoutMs: options?.confirmTimeoutMs ?? DEFAULTS.CRISIS_CONFIRM_TIMEOUT_MS });
    meters?.secondStagePending(() => encoder.pending);
    encoder.ready.catch((error: Error) => log?.warn({ err: error.message }, "crisis classifier: the sentence encoder did not load; flagged messages keep the first stage's decision, for review"));
    let failing = false;
    const classifier = createConfirmedClassifier(encoder, {
      observe: meters?.secondStage,
      onUnavailable: (error) => {
        if (failing) return;
        failing = true; // logged once per outage: the next answer ends it
        log?.warn({ reason: error.message }, "crisis classifier: second stage unavailable; flagged messages keep the first stage's decision, for review");
      },
      onAnswer: () => {
        if (failing) log?.info({}, "crisis classifier: second stage answers again");
        failing = false;
      },
    });
    return { classifier, close: () => encoder.close() };
  }
  if (!options?.url) throw new Error("CRISIS_CLASSIFIER=http needs CRISIS_CLASSIFIER_URL");
  const http = createHttpClassifier({ url: options.url, timeoutMs: options.timeoutMs ?? DEFAULTS.CRISIS_CLASSIFIER_TIMEOUT_MS });
  return { classifier: log ? watched(http, log) : http, close: none };
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
