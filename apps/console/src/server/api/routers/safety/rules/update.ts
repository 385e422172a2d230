import { setSafetyRules } from "@tta/db";
import { ZSafetyRulesRecord, ZSafetyRulesUpdate } from "@tta/domain";
import { adminProcedure } from "../../../trpc.ts";

/**
 * Replaces the working rule set (`rules: null` goes back to the built-in defaults). Field errors
 * carry the rule set's own paths, e.g. `categories.0.phrases.3.phrase`. Live after the next publish.
 */
export const update = adminProcedure
  .input(ZSafetyRulesUpdate)
  .output(ZSafetyRulesRecord)
  .mutation(({ ctx, input }) => setSafetyRules(ctx.db, input.rules, ctx.change));
