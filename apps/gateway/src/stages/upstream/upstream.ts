// The last stage: picks an instance of the matched route's service and proxies to it, streaming
// both bodies. Answers 502 (unreachable, broken answer) or 504 (route timeout) when the attempt
// fails before the upstream's headers; after them, the connection is cut instead.
import { sendError } from "../../pipeline/send-error.ts";
import type { Stage } from "../../pipeline/stage.ts";
import { pickRoundRobin } from "../../upstream/load-balance/round-robin.ts";
import type { Forward } from "../../upstream/proxy.ts";

export interface UpstreamOptions {
  forward: Forward;
}

export function upstream(options: UpstreamOptions): Stage {
  return async function upstream(ctx) {
    const match = ctx.match;
    if (!match) throw new Error("the upstream stage runs after route-match, which sets ctx.match");
    const instance = pickRoundRobin(match.route.service);
    const outcome = await options.forward(ctx, { route: match.route, instance, path: match.upstreamPath });
    if (outcome.kind !== "failed") return;
    const { error } = outcome;
    ctx.log.warn(
      { requestId: ctx.requestId, route: match.route.name, instance: instance.url, code: error.code, err: error.cause ?? error },
      "upstream attempt failed",
    );
    sendError(ctx, error.code);
  };
}
