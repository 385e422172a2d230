import { listServices } from "@tta/db";
import { ZServiceRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../trpc.ts";

export const list = authedProcedure.output(z.array(ZServiceRecord)).query(({ ctx }) => listServices(ctx.db));
