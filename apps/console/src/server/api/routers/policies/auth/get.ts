import { getAuthPolicy } from "@tta/db";
import { ZAuthPolicyRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../../trpc.ts";

export const get = authedProcedure
  .input(z.object({ id: z.string().min(1) }))
  .output(ZAuthPolicyRecord)
  .query(({ ctx, input }) => getAuthPolicy(ctx.db, input.id));
