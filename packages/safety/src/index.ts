// @tta/safety: crisis, content-safety and PII scanning of player text, and PII masking of
// response bodies and logs. Rules are data (see ./rules), compiled once, then used per request.
export * from "./rules/index.ts";
export { compileSafetyRules } from "./compile/compile.ts";
export type { CompiledSafetyRules, CompiledCategory, CompiledRule } from "./compile/types.ts";
export { scan } from "./scan/scan.ts";
export type { SafetyScanResult, SafetySignal, SuppressedSignal, PiiFinding, ScanOptions } from "./scan/types.ts";
export type { Suppression } from "./scan/judge.ts";
export { normalizeText } from "./text/normalize.ts";
export { maskPii, piiKinds } from "./pii/mask-text.ts";
export { PII_KINDS, PII_LABELS, type PiiKind } from "./pii/detectors.ts";
export { luhnValid } from "./pii/luhn.ts";
export { sensitiveKeyKind } from "./pii/sensitive-keys.ts";
export { maskForLog, type MaskForLogOptions } from "./pii/mask-for-log.ts";
export { pinoMasking, piiSerializer, type PinoMaskingOptions } from "./pii/pino.ts";
export { createPiiMaskStream, PiiMaskStream, type MaskMode } from "./stream/mask-stream.ts";
export { maxSeverity, raiseSeverity, severityRank } from "./severity.ts";
export type { CrisisClassifier, ClassifierVerdict, ClassifiedCategory, ClassifyOptions } from "./classifier/types.ts";
export { createBuiltinClassifier, loadBuiltinModel, BUILTIN_MODEL_URL, type BuiltinClassifier } from "./classifier/builtin.ts";
// The second stage (the sentence encoder, TensorFlow.js and its .wasm) is "@tta/safety/confirm":
// only the gateway loads it, never a bundle of the console.
export type { ConfirmedClassifier, ConfirmExplanation, ConfirmStats } from "./classifier/confirmed.ts";
export { createHttpClassifier, HTTP_CLASSIFIER_DEFAULTS, type HttpClassifierOptions } from "./classifier/http.ts";
export { classifyStrings, combineCrisis, MODEL_SEVERITY, UNCLASSIFIED, type ModelFinding } from "./classifier/combine.ts";
export { detectCrisis } from "./classifier/detect.ts";
export { MODEL_CATEGORIES, type CrisisModel, type ModelCategory } from "./model/model.ts";
