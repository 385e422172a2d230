import { setUserDisabled } from "@tta/db";
import { ZUserRecord } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

/** A disabled user is out at once: the API loads the user on every call. Nobody disables themselves. */
export const setDisabled = adminProcedure
  .input(z.object({ id: z.string().min(1), disabled: z.boolean() }))
  .output(ZUserRecord)
  .mutation(({ ctx, input }) => setUserDisabled(ctx.db, input.id, input.disabled, ctx.change));
