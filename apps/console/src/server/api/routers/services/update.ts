import { updateService } from "@tta/db";
import { ZService, ZServiceRecord } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

// Two inputs merge into one flat object ({ id, ...service }), so field errors keep the form's paths.
export const update = adminProcedure
  .input(z.object({ id: z.string().min(1) }))
  .input(ZService)
  .output(ZServiceRecord)
  .mutation(({ ctx, input: { id, ...service } }) => updateService(ctx.db, id, service, ctx.change));
