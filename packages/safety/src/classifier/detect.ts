// One text through rules and a classifier, combined: the console's "try a message" box and the
// evaluation use this; the gateway does the same per string of a body (safety/scan-items.ts).
import type { CompiledSafetyRules } from "../compile/types.ts";
import { scan } from "../scan/scan.ts";
import type { SafetyScanResult, ScanOptions } from "../scan/types.ts";
import { classifyStrings, combineCrisis } from "./combine.ts";
import type { ClassifyOptions, CrisisClassifier } from "./types.ts";

export async function detectCrisis(text: string, rules: CompiledSafetyRules, classifier: CrisisClassifier | null, options: ScanOptions & ClassifyOptions = {}): Promise<SafetyScanResult> {
  const result = scan(text, rules, options);
  if (!classifier) return result;
  return combineCrisis(result, await classifyStrings([{ path: "$", text }], classifier, options), rules.minEscalation);
}
