import { getSafetyRules } from "@tta/db";
import { ZSafetyRulesRecord } from "@tta/domain";
import { adminProcedure } from "../../../trpc.ts";

/** The working rule set (published with the next revision), or the built-in defaults. */
export const get = adminProcedure.output(ZSafetyRulesRecord).query(({ ctx }) => getSafetyRules(ctx.db));
