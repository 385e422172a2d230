import { createRateLimitPolicy } from "@tta/db";
import { ZRateLimitPolicy, ZRateLimitPolicyRecord } from "@tta/domain";
import { adminProcedure } from "../../../trpc.ts";

export const create = adminProcedure
  .input(ZRateLimitPolicy)
  .output(ZRateLimitPolicyRecord)
  .mutation(({ ctx, input }) => createRateLimitPolicy(ctx.db, input, ctx.change));
