// The console's safety-rules editor: the working rule set (the "default" row of safety_rule_sets,
// published with the next revision like routes) and the "try a message" answer. The rule set's own
// schema lives in @tta/safety/rules; here it is carried as JSON.
import { z } from "zod";
import { ZEventSeverity } from "./escalations.ts";

export const ZSafetyRulesRecord = z.object({
  /** The working rule set, or the built-in defaults when there is none (`isDefault`). */
  rules: z.unknown(),
  isDefault: z.boolean(),
  updatedAt: z.date().nullable(),
});
export type TSafetyRulesRecord = z.infer<typeof ZSafetyRulesRecord>;

/** null = go back to the built-in defaults. Validated with @tta/safety's validateSafetyRules. */
export const ZSafetyRulesUpdate = z.object({ rules: z.unknown().refine((v) => v !== undefined, "the rule set is missing") });

export const SAFETY_TEST_MAX_CHARS = 8_192;

export const ZSafetyTestInput = z.object({
  message: z.string().min(1, "type a message to try").max(SAFETY_TEST_MAX_CHARS, `at most ${SAFETY_TEST_MAX_CHARS} characters`),
  /** An unsaved draft to try instead of the working rule set. */
  rules: z.unknown().optional(),
});

const ZTestSignal = z.object({
  category: z.string(),
  severity: ZEventSeverity,
  rule: z.string(),
  /** Normalized and PII-masked by the scanner. */
  match: z.string(),
  path: z.string(),
});

export const ZSafetyTestResult = z.object({
  source: z.enum(["draft", "working", "defaults"]),
  rulesVersion: z.string(),
  crisis: z.object({ detected: z.boolean(), severity: ZEventSeverity.nullable(), categories: z.array(z.string()) }),
  escalate: z.boolean(),
  signals: z.array(ZTestSignal.extend({ raised: z.boolean() })),
  contentViolations: z.array(ZTestSignal.extend({ raised: z.boolean() })),
  suppressed: z.array(ZTestSignal.extend({ reason: z.string() })),
  pii: z.array(z.object({ kind: z.string(), path: z.string() })),
  truncated: z.boolean(),
  /**
   * What the gateway does with the same message: these rules and the built-in crisis model combined.
   * `source`: rules, the model or both; `review`: only an unsure model (or a rule's judgement) makes it a question.
   */
  combined: z.object({
    escalate: z.boolean(),
    severity: ZEventSeverity.nullable(),
    categories: z.array(z.string()),
    signals: z.array(ZTestSignal.extend({ source: z.enum(["rule", "model", "both"]), review: z.boolean() })),
  }),
  /**
   * Whose crisis classifier answered: a running gateway's (both stages of the built-in model) or,
   * when none answered, the console's copy of the first stage, which can flag what a gateway clears.
   */
  classifier: z.object({
    by: z.enum(["gateway", "console"]),
    name: z.string().nullable(),
    stages: z.number().int().min(0).max(2),
    /** The first stage flagged the message and the second cleared it. */
    clearedBySecondStage: z.boolean(),
    secondStageProbability: z.number().nullable(),
  }),
});
export type TSafetyTestResult = z.infer<typeof ZSafetyTestResult>;
