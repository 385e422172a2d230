import { escalationCounts } from "@tta/db";
import { ZEscalationCounts } from "@tta/domain";
import { roleProcedure } from "../../trpc.ts";

/**
 * How many events by status and severity: numbers only, never text, so operators and admins
 * (who see no content unless they are clinicians too) know whether the queue is being handled.
 */
export const counts = roleProcedure("admin", "operator", "clinician")
  .output(ZEscalationCounts)
  .query(({ ctx }) => escalationCounts(ctx.db));
