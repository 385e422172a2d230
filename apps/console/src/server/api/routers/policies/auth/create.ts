import { createAuthPolicy } from "@tta/db";
import { ZAuthPolicy, ZAuthPolicyRecord } from "@tta/domain";
import { adminProcedure } from "../../../trpc.ts";

export const create = adminProcedure
  .input(ZAuthPolicy)
  .output(ZAuthPolicyRecord)
  .mutation(({ ctx, input }) => createAuthPolicy(ctx.db, input, ctx.change));
