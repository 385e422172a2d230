import { getRateLimitPolicy } from "@tta/db";
import { ZRateLimitPolicyRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../../trpc.ts";

export const get = authedProcedure
  .input(z.object({ id: z.string().min(1) }))
  .output(ZRateLimitPolicyRecord)
  .query(({ ctx, input }) => getRateLimitPolicy(ctx.db, input.id));
