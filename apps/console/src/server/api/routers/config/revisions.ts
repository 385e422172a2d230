import { listRevisions } from "@tta/db";
import { ZRevisionSummary } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../trpc.ts";

export const revisions = authedProcedure
  .input(z.object({ take: z.number().int().min(1).max(500).default(100) }).default({ take: 100 }))
  .output(z.array(ZRevisionSummary))
  .query(({ ctx, input }) => listRevisions(ctx.db, input.take));
