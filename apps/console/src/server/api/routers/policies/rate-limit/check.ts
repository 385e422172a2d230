import { checkRateLimitPolicy } from "@tta/db";
import { ZFieldError } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../../trpc.ts";

// The form's dry run: every field error a save would get (schema and a taken name) in one answer.
export const check = adminProcedure
  .input(z.object({ id: z.string().min(1).nullable(), policy: z.unknown() }))
  .output(z.array(ZFieldError))
  .mutation(({ ctx, input }) => checkRateLimitPolicy(ctx.db, input.policy, input.id));
