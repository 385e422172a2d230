import { listRoutes } from "@tta/db";
import { ZRouteRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../trpc.ts";

export const list = authedProcedure.output(z.array(ZRouteRecord)).query(({ ctx }) => listRoutes(ctx.db));
