import { checkRoute } from "@tta/db";
import { ZFieldError } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

// The form's dry run: every field error a save would get (schema and references) in one answer.
// The route is taken as it is, unparsed, so the schema's errors come back as field errors too.
export const check = adminProcedure
  .input(z.object({ id: z.string().min(1).nullable(), route: z.unknown() }))
  .output(z.array(ZFieldError))
  .mutation(({ ctx, input }) => checkRoute(ctx.db, input.route, input.id));
