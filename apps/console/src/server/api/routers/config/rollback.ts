import { rollback as rollbackConfig } from "@tta/db";
import { ZPublishedRevision } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

export const rollback = adminProcedure
  .input(z.object({ number: z.number().int().positive(), message: z.string().trim().max(500).optional() }))
  .output(ZPublishedRevision.extend({ rolledBackFrom: z.number().int() }))
  .mutation(async ({ ctx, input }) => {
    const revision = await rollbackConfig(ctx.db, { ...ctx.change, toNumber: input.number, message: input.message });
    return { ...revision, rolledBackFrom: input.number };
  });
