import { setRouteEnabled } from "@tta/db";
import { ZRouteRecord } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

export const setEnabled = adminProcedure
  .input(z.object({ id: z.string().min(1), enabled: z.boolean() }))
  .output(ZRouteRecord)
  .mutation(({ ctx, input }) => setRouteEnabled(ctx.db, input.id, input.enabled, ctx.change));
