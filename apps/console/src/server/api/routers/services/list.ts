import { listServices } from "@tta/db";
import { ZServiceSummary } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../trpc.ts";

export const list = authedProcedure.output(z.array(ZServiceSummary)).query(({ ctx }) => listServices(ctx.db));
