// Rate-limit policies in the working tables; policy-store.ts does the editing. Nothing reaches a
// gateway until a publish.
import { ZRateLimitPolicy, type TRateLimitPolicyRecord } from "@tta/domain";
import { rateLimitPolicyFromRow, rateLimitPolicyToRow } from "./policy-rows.ts";
import { policyStore, type PolicyStore } from "./policy-store.ts";

const store: PolicyStore<TRateLimitPolicyRecord> = policyStore({
  what: "rate-limit policy", kind: "rateLimitPolicy", entityType: "rate_limit_policy", schema: ZRateLimitPolicy,
  table: (db) => db.rateLimitPolicy, fromRow: rateLimitPolicyFromRow, toRow: rateLimitPolicyToRow,
});

export const { list: listRateLimitPolicies, get: getRateLimitPolicy, create: createRateLimitPolicy, update: updateRateLimitPolicy, remove: deleteRateLimitPolicy, check: checkRateLimitPolicy } = store;
