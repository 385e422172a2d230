import { writeAudit } from "@tta/db";
import { ZBreakerCommandInput, ZBreakerCommandResult, type TBreakerCommandInput, type TGatewayView } from "@tta/domain";
import { operationsProcedure } from "./procedure.ts";

const FORCED = { force_open: "open", force_closed: "closed", reset: "none" } as const;

/** What each gateway showed for this breaker before the command (for the audit row). */
function breakerBefore(gateways: TGatewayView[], input: TBreakerCommandInput) {
  return gateways.flatMap((g) =>
    g.instances
      .filter((i) => i.service === input.service && i.instance === input.instance)
      .map((i) => ({ gatewayId: g.heartbeat.gatewayId, state: i.breaker.state, forced: i.breaker.forced, stale: g.stale })),
  );
}

/**
 * Forces one instance's breaker open or closed on every gateway, or hands it back to the breaker
 * (reset). Audited with the state before, the outcome and the call's correlation id (which is
 * also the command's, in the gateways' logs). Returns how many gateways got and applied it.
 */
export const forceBreaker = operationsProcedure
  .input(ZBreakerCommandInput)
  .output(ZBreakerCommandResult)
  .mutation(async ({ ctx, input }) => {
    const before = await ctx.live.state().then(
      (gateways) => breakerBefore(gateways, input),
      () => null, // unknown; the command below says whether the source is reachable
    );
    const result = await ctx.live.sendBreakerCommand({ ...input, correlationId: ctx.correlationId });
    const audit = {
      actor: ctx.actor,
      action: "breaker.force",
      entityType: "breaker",
      entityId: `${input.service}|${input.instance}`,
      before: { gateways: before },
      after: {
        action: input.action,
        forced: FORCED[input.action],
        reached: result.reached,
        applied: result.applied,
        appliedBy: result.acks.filter((a) => a.applied).map((a) => a.gatewayId),
      },
      correlationId: ctx.correlationId,
    };
    await ctx.db.$transaction((tx) => writeAudit(tx, audit));
    return result;
  });
