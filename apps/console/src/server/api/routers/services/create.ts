import { createService } from "@tta/db";
import { ZService, ZServiceRecord } from "@tta/domain";
import { adminProcedure } from "../../trpc.ts";

export const create = adminProcedure
  .input(ZService)
  .output(ZServiceRecord)
  .mutation(({ ctx, input }) => createService(ctx.db, input, ctx.change));
