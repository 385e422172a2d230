import { createUser } from "@tta/db";
import { ZUserCreate, ZUserRecord } from "@tta/domain";
import { adminProcedure } from "../../trpc.ts";

export const create = adminProcedure
  .input(ZUserCreate)
  .output(ZUserRecord)
  .mutation(({ ctx, input }) => createUser(ctx.db, input, ctx.change));
