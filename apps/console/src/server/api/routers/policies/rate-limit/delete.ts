import { deleteRateLimitPolicy } from "@tta/db";
import { z } from "zod";
import { adminProcedure } from "../../../trpc.ts";

/** Refused with a field error (`usedBy`) naming the routes while any route uses the policy. */
export const remove = adminProcedure
  .input(z.object({ id: z.string().min(1) }))
  .output(z.object({ id: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await deleteRateLimitPolicy(ctx.db, input.id, ctx.change);
    return { id: input.id };
  });
