import { deleteRoute } from "@tta/db";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

export const remove = adminProcedure
  .input(z.object({ id: z.string().min(1) }))
  .output(z.object({ id: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await deleteRoute(ctx.db, input.id, ctx.change);
    return { id: input.id };
  });
