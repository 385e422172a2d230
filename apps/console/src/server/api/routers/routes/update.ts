import { updateRoute } from "@tta/db";
import { ZRoute, ZRouteRecord } from "@tta/domain";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";

// Two inputs merge into one flat object ({ id, ...route }), so field errors keep the form's paths.
export const update = adminProcedure
  .input(z.object({ id: z.string().min(1) }))
  .input(ZRoute)
  .output(ZRouteRecord)
  .mutation(({ ctx, input: { id, ...route } }) => updateRoute(ctx.db, id, route, ctx.change));
