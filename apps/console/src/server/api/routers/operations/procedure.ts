// The tier of the operations view: operators and admins (clinicians are refused), with the live
// source in the context. A source that is itself unreachable (Redis down) answers 503 with a
// message an operator can act on.
import { TRPCError } from "@trpc/server";
import { LiveUnavailableError } from "../../../live/live-source.ts";
import { roleProcedure } from "../../trpc.ts";

export const operationsProcedure = roleProcedure("admin", "operator").use(async ({ ctx, next }) => {
  if (!ctx.live) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "No live source is configured for this console." });
  const result = await next({ ctx: { live: ctx.live } });
  if (!result.ok && result.error.cause instanceof LiveUnavailableError) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});
