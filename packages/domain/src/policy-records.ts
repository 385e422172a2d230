// Policies as the console's API answers with them: the editable fields, the row id, and which
// routes of the working tables use the policy (a policy in use cannot be deleted).
import { z } from "zod";
import { ZAuthPolicy, ZRateLimitPolicy } from "./schemas.ts";

const ZRecordMeta = z.object({
  id: z.string().min(1),
  updatedAt: z.date(),
  /** Names of the routes that use this policy, in name order. */
  usedBy: z.array(z.string()),
});

export const ZRateLimitPolicyRecord = z.intersection(ZRateLimitPolicy, ZRecordMeta);
export type TRateLimitPolicyRecord = z.infer<typeof ZRateLimitPolicyRecord>;

export const ZAuthPolicyRecord = z.intersection(ZAuthPolicy, ZRecordMeta);
export type TAuthPolicyRecord = z.infer<typeof ZAuthPolicyRecord>;
