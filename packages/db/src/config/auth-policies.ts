// Auth policies (how a route's tokens are verified) in the working tables; policy-store.ts does the
// editing. HMAC secrets never come here: a policy names the gateway's environment variable that holds one.
import { ZAuthPolicy, type TAuthPolicyRecord } from "@tta/domain";
import { authPolicyFromRow, authPolicyToRow } from "./policy-rows.ts";
import { policyStore, type PolicyStore } from "./policy-store.ts";

const store: PolicyStore<TAuthPolicyRecord> = policyStore({
  what: "auth policy", kind: "authPolicy", entityType: "auth_policy", schema: ZAuthPolicy,
  table: (db) => db.authPolicy, fromRow: authPolicyFromRow, toRow: authPolicyToRow,
});

export const { list: listAuthPolicies, get: getAuthPolicy, create: createAuthPolicy, update: updateAuthPolicy, remove: deleteAuthPolicy, check: checkAuthPolicy } = store;
