import { getSafetyRules } from "@tta/db";
import { ZSafetyTestInput, ZSafetyTestResult } from "@tta/domain";
import { detectCrisis, type SafetySignal } from "@tta/safety";
import { crisisClassifier } from "../../../../safety/crisis-classifier.ts";
import { compiledRules } from "../../../../safety/compiled-rules.ts";
import { adminProcedure } from "../../../trpc.ts";

/**
 * Scans one sample message with a draft rule set (`rules`) or the working one, combined with the
 * built-in crisis model as the gateway combines them: what it signals,
 * what a cue cancelled and why, which PII kinds it holds. Matches come back normalized and masked;
 * the message is neither stored nor echoed. A mutation, because a draft rule set is too large for a URL.
 */
export const test = adminProcedure
  .input(ZSafetyTestInput)
  .output(ZSafetyTestResult)
  .mutation(async ({ ctx, input }) => {
    const working = input.rules === undefined ? await getSafetyRules(ctx.db) : null;
    const source = working ? (working.isDefault ? "defaults" : "working") : "draft";
    const result = await detectCrisis(input.message, compiledRules(working ? working.rules : input.rules), crisisClassifier());
    const signal = ({ category, severity, rule, match, path }: Omit<SafetySignal, "raised">) => ({ category, severity, rule, match, path });
    return {
      source,
      rulesVersion: result.rulesVersion,
      crisis: { detected: result.crisis.detected, severity: result.crisis.severity, categories: result.crisis.categories },
      escalate: result.escalate,
      signals: result.crisis.signals.map((s) => ({ ...signal(s), raised: s.raised, ...(s.source ? { source: s.source } : {}), ...(s.review ? { review: true } : {}) })),
      contentViolations: result.content.violations.map((s) => ({ ...signal(s), raised: s.raised })),
      suppressed: result.suppressed.map((s) => ({ ...signal(s), reason: s.reason })),
      pii: result.privacy.pii.map(({ kind, path }) => ({ kind, path })),
      truncated: result.truncated,
    };
  });
