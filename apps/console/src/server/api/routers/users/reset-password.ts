import { resetUserPassword } from "@tta/db";
import { ZPassword, ZUserRecord } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

export const resetPassword = adminProcedure
  .input(z.object({ id: z.string().min(1), password: ZPassword }))
  .output(ZUserRecord)
  .mutation(({ ctx, input }) => resetUserPassword(ctx.db, input.id, input.password, ctx.change));
