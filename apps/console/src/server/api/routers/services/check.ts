import { checkService } from "@tta/db";
import { ZFieldError } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

// The form's dry run: every field error a save would get (schema, taken name, duplicate instances,
// unknown dependencies) in one answer.
export const check = adminProcedure
  .input(z.object({ id: z.string().min(1).nullable(), service: z.unknown() }))
  .output(z.array(ZFieldError))
  .mutation(({ ctx, input }) => checkService(ctx.db, input.service, input.id));
