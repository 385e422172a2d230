import { getRoute } from "@tta/db";
import { ZRouteRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../trpc.ts";

export const get = authedProcedure
  .input(z.object({ id: z.string().min(1) }))
  .output(ZRouteRecord)
  .query(({ ctx, input }) => getRoute(ctx.db, input.id));
