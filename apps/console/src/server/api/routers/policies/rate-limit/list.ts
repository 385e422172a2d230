import { listRateLimitPolicies } from "@tta/db";
import { ZRateLimitPolicyRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../../trpc.ts";

export const list = authedProcedure.output(z.array(ZRateLimitPolicyRecord)).query(({ ctx }) => listRateLimitPolicies(ctx.db));
