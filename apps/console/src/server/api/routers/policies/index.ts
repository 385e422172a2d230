// Rate-limit and auth policies of the working configuration: every signed-in role reads them,
// admins change them; they reach the gateways through the publish flow like routes.
import { createTRPCRouter } from "../../trpc.ts";
import { authPoliciesRouter } from "./auth/index.ts";
import { rateLimitPoliciesRouter } from "./rate-limit/index.ts";

export const policiesRouter = createTRPCRouter({ rateLimit: rateLimitPoliciesRouter, auth: authPoliciesRouter });
