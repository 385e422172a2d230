import { listAuthPolicies } from "@tta/db";
import { ZAuthPolicyRecord } from "@tta/domain";
import { z } from "zod";
import { authedProcedure } from "../../../trpc.ts";

export const list = authedProcedure.output(z.array(ZAuthPolicyRecord)).query(({ ctx }) => listAuthPolicies(ctx.db));
