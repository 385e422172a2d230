import { createRoute } from "@tta/db";
import { ZRoute, ZRouteRecord } from "@tta/domain";
import { adminProcedure } from "../../trpc.ts";

export const create = adminProcedure
  .input(ZRoute)
  .output(ZRouteRecord)
  .mutation(({ ctx, input }) => createRoute(ctx.db, input, ctx.change));
