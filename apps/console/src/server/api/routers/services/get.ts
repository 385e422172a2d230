import { getService } from "@tta/db";
import { ZServiceRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../trpc.ts";

export const get = authedProcedure
  .input(z.object({ id: z.string().min(1) }))
  .output(ZServiceRecord)
  .query(({ ctx, input }) => getService(ctx.db, input.id));
