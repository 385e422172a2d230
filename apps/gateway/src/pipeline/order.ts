// The request path, in order. Each stage either answers or hands the request to the next one; see
// apps/gateway/README.md for what each stage answers with when it stops a request.
import { observe, type RequestRecorder } from "../stages/observe/observe.ts";
import { requestId } from "../stages/request-id/request-id.ts";
import { routeMatch } from "../stages/route-match/route-match.ts";
import { upstream, type UpstreamOptions } from "../stages/upstream/upstream.ts";
import type { Stage } from "./stage.ts";

export interface PipelineServices {
  /** Instance pools and the per-attempt chain (upstream/attempt/order.ts). */
  upstream: UpstreamOptions;
  /** Metrics and traffic roll-ups: each gets every finished request. */
  recorders?: readonly RequestRecorder[];
}

export function requestStages(services: PipelineServices): Stage[] {
  return [
    observe({ recorders: services.recorders ?? [] }), // measures the whole request (never answers)
    requestId(), //       echoes x-request-id
    routeMatch(), //      503 GW_NOT_READY · 400 GW_BAD_REQUEST · 404 GW_ROUTE_NOT_FOUND · 405 GW_METHOD_NOT_ALLOWED
    upstream(services.upstream), // 503 GW_NO_INSTANCE / GW_BREAKER_OPEN · 502 GW_UPSTREAM_UNAVAILABLE / GW_UPSTREAM_BAD_RESPONSE · 504 GW_UPSTREAM_TIMEOUT
  ];
}
