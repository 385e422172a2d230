import { writeAudit } from "@tta/db";
import { ZCachePurgeInput, ZCachePurgeResult, type TCachePurgeInput } from "@tta/domain";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { CachePurgeError, purgeGatewayCache, type CachePurgeProblem } from "../../../gateway-admin/cache-purge.ts";
import { adminProcedure } from "../../trpc.ts";

const TRPC_CODE: Record<CachePurgeProblem, TRPC_ERROR_CODE_KEY> = {
  no_gateway: "SERVICE_UNAVAILABLE",
  cache_unavailable: "SERVICE_UNAVAILABLE",
  gateway_refused: "BAD_GATEWAY",
};

/** The audit row's entity id: what was purged, e.g. "route:players-api", "path:api.tta.dev/x", "all". */
function entityIdOf(scope: TCachePurgeInput): string {
  if (scope.by === "route") return `route:${scope.route}`;
  if (scope.by === "tag") return `tag:${scope.tag}`;
  if (scope.by === "user") return `user:${scope.user}`;
  if (scope.by === "path") return `path:${scope.host.toLowerCase()}${scope.path}`;
  return "all";
}

/**
 * Removes stored answers from the gateways' shared HTTP cache: a route's, a tag's, a user's, one
 * URL's, or all of them, through the first gateway admin API that answers. Audited once the
 * gateway has purged ("cache.purge": the scope, how many, which gateway); a purge that did not
 * happen writes nothing, the error says why.
 */
export const purge = adminProcedure
  .input(ZCachePurgeInput)
  .output(ZCachePurgeResult)
  .mutation(async ({ ctx, input }) => {
    const access = { live: ctx.live, urls: ctx.gatewayAdmin?.urls, token: ctx.gatewayAdmin?.token };
    let result;
    try {
      result = await purgeGatewayCache(access, input, ctx.correlationId);
    } catch (error) {
      if (error instanceof CachePurgeError) throw new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
      throw error;
    }
    const audit = {
      actor: ctx.actor,
      action: "cache.purge",
      entityType: "cache",
      entityId: entityIdOf(input),
      before: null,
      after: { scope: input, purged: result.purged, gatewayUrl: result.gatewayUrl },
      correlationId: ctx.correlationId,
    };
    await ctx.db.$transaction((tx) => writeAudit(tx, audit));
    return { purged: result.purged };
  });
