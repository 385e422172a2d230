import { getSafetyRules } from "@tta/db";
import { ZSafetyTestInput, ZSafetyTestResult } from "@tta/domain";
import { classifyStrings, combineCrisis, scan, type ClassifierVerdict, type SafetySignal } from "@tta/safety";
import { crisisClassifier } from "../../../../safety/crisis-classifier.ts";
import { classifyWithGateway } from "../../../../safety/gateway-classifier.ts";
import { compiledRules } from "../../../../safety/compiled-rules.ts";
import { adminProcedure } from "../../../trpc.ts";

/**
 * Scans one sample message with a draft rule set (`rules`) or the working one: what it signals,
 * what a cue cancelled and why, which PII kinds it holds. Matches come back normalized and masked;
 * the message is neither stored nor echoed. `combined` adds the crisis classifier as the gateway
 * combines it with the rules: a running gateway's own answer (both stages), else the console's
 * copy of the first stage (`classifier` says which). A mutation: a draft rule set is too large for a URL.
 */
const CALM: ClassifierVerdict = { status: "ok", categories: [], review: false, evidence: "" };

export const test = adminProcedure
  .input(ZSafetyTestInput)
  .output(ZSafetyTestResult)
  .mutation(async ({ ctx, input }) => {
    const working = input.rules === undefined ? await getSafetyRules(ctx.db) : null;
    const source = working ? (working.isDefault ? "defaults" : "working") : "draft";
    const rules = compiledRules(working ? working.rules : input.rules);
    const result = scan(input.message, rules);
    const remote = await classifyWithGateway(input.message, { live: ctx.live, urls: ctx.gatewayAdmin?.urls, token: ctx.gatewayAdmin?.token });
    const classifier = remote ? { name: remote.classifier ?? "none", classify: () => remote.verdict ?? CALM } : crisisClassifier();
    const findings = remote && !remote.verdict ? [] : await classifyStrings([{ path: "$", text: input.message }], classifier);
    const both = combineCrisis(result, findings, rules.minEscalation);
    const flaggedFirst = remote?.firstStage?.status === "ok" && remote.firstStage.categories.length > 0;
    const clearedBySecondStage = flaggedFirst && remote?.verdict?.status === "ok" && remote.verdict.categories.length === 0;
    const signal = ({ category, severity, rule, match, path }: Omit<SafetySignal, "raised">) => ({ category, severity, rule, match, path });
    return {
      source,
      rulesVersion: result.rulesVersion,
      crisis: { detected: result.crisis.detected, severity: result.crisis.severity, categories: result.crisis.categories },
      escalate: result.escalate,
      signals: result.crisis.signals.map((s) => ({ ...signal(s), raised: s.raised })),
      contentViolations: result.content.violations.map((s) => ({ ...signal(s), raised: s.raised })),
      suppressed: result.suppressed.map((s) => ({ ...signal(s), reason: s.reason })),
      pii: result.privacy.pii.map(({ kind, path }) => ({ kind, path })),
      truncated: result.truncated,
      combined: {
        escalate: both.escalate,
        severity: both.crisis.severity,
        categories: both.crisis.categories,
        signals: both.crisis.signals.map((s) => ({ ...signal(s), source: s.source ?? "rule", review: s.review ?? false })),
      },
      classifier: remote
        ? { by: "gateway" as const, name: remote.classifier, stages: remote.stages, clearedBySecondStage, secondStageProbability: remote.secondStage?.probability ?? null }
        : { by: "console" as const, name: "builtin", stages: 1, clearedBySecondStage: false, secondStageProbability: null },
    };
  });
