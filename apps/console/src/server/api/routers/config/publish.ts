import { publish as publishConfig } from "@tta/db";
import { ZPublishedRevision } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

export const publish = adminProcedure
  .input(z.object({ message: z.string().trim().min(1, "say what this change is for").max(500, "must be at most 500 characters") }))
  .output(ZPublishedRevision)
  .mutation(({ ctx, input }) => publishConfig(ctx.db, { ...ctx.change, message: input.message }));
