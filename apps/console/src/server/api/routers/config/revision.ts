import { getRevisionDetail } from "@tta/db";
import { ZRevisionDetail } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../trpc.ts";

/** One revision with a readable diff against the revision before it. */
export const revision = authedProcedure
  .input(z.object({ number: z.number().int().positive() }))
  .output(ZRevisionDetail)
  .query(({ ctx, input }) => getRevisionDetail(ctx.db, input.number));
