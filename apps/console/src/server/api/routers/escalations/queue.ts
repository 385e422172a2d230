import { listEscalationQueue } from "@tta/db";
import { ZEscalationSummary } from "@tta/domain";
import { z } from "zod";
import { clinicianProcedure } from "../../trpc.ts";

/** Open and acknowledged events, most severe first, then the longest waiting (masked excerpts). */
export const queue = clinicianProcedure.output(z.array(ZEscalationSummary)).query(({ ctx }) => listEscalationQueue(ctx.db));
