import { updateRateLimitPolicy } from "@tta/db";
import { ZRateLimitPolicy, ZRateLimitPolicyRecord } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../../trpc.ts";

// Two inputs merge into one flat object ({ id, ...policy }), so field errors keep the form's paths.
export const update = adminProcedure
  .input(z.object({ id: z.string().min(1) }))
  .input(ZRateLimitPolicy)
  .output(ZRateLimitPolicyRecord)
  .mutation(({ ctx, input: { id, ...policy } }) => updateRateLimitPolicy(ctx.db, id, policy, ctx.change));
