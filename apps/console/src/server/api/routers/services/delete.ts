import { deleteService } from "@tta/db";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

/** Refused (with the routes' names) while a route sends traffic to the service. */
export const remove = adminProcedure
  .input(z.object({ id: z.string().min(1) }))
  .output(z.object({ id: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await deleteService(ctx.db, input.id, ctx.change);
    return { id: input.id };
  });
