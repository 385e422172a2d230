import { setUserRoles } from "@tta/db";
import { ZUserRecord, ZUserRoles } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

/** Refused (field `roles`) when an admin would remove their own admin role. */
export const setRoles = adminProcedure
  .input(z.object({ id: z.string().min(1), roles: ZUserRoles }))
  .output(ZUserRecord)
  .mutation(({ ctx, input }) => setUserRoles(ctx.db, input.id, input.roles, ctx.change));
