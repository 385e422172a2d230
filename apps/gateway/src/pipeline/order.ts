// The request path, in order: edge stages for every request, then the matched route's own chain
// of route stages, holding only those its policies need (route-chains.ts). Each stage either
// answers or hands the request on; see apps/gateway/README.md for what each one answers with.
// This is the one file that imports stages/.
import type { CompiledConfig, CompiledRoute } from "../config/compiled.ts";
import type { RequestRecorder } from "../live/contracts.ts";
import { aggregate, type AggregateOptions } from "../stages/aggregate/aggregate.ts";
import { authenticate } from "../stages/authenticate/authenticate.ts";
import { authorize } from "../stages/authorize/authorize.ts";
import { bodyLimits } from "../stages/body-limits/body-limits.ts";
import { cache, type CacheOptions } from "../stages/cache/cache.ts";
import { compress, type CompressOptions } from "../stages/compress/compress.ts";
import { cors, corsPreflight } from "../stages/cors/cors.ts";
import { maskResponse } from "../stages/mask-response/mask-response.ts";
import { observe } from "../stages/observe/observe.ts";
import { rateLimit, type RateLimitOptions } from "../stages/rate-limit/rate-limit.ts";
import { requestFraming } from "../stages/request-framing/request-framing.ts";
import { requestHeaders, type RequestHeadersOptions } from "../stages/request-headers/request-headers.ts";
import { requestId } from "../stages/request-id/request-id.ts";
import { routeMatch } from "../stages/route-match/route-match.ts";
import { safetyScan, type SafetyScanOptions } from "../stages/safety-scan/safety-scan.ts";
import { securityHeaders } from "../stages/security-headers/security-headers.ts";
import { httpsRedirect } from "../stages/https-redirect/https-redirect.ts";
import { traceContext } from "../stages/trace-context/trace-context.ts";
import { upstream, type UpstreamOptions } from "../stages/upstream/upstream.ts";
import { upgradeOrigin } from "../stages/upgrade-origin/upgrade-origin.ts";
import { refuseUpgrade, websocketConnect } from "../stages/websocket-connect/websocket-connect.ts";
import type { Tracing } from "../tracing/tracing.ts";
import type { WsManager } from "../websocket/manager.ts";
import { routeChains, type RouteChains, type RouteStageSpec } from "./route-chains.ts";
import type { Stage } from "./stage.ts";

export interface PipelineServices {
  /** Which trace each request is in (a trusted caller's or a new one), and its spans when exported. */
  tracing: Tracing;
  /** Whose forwarding headers are believed (the trusted proxies). */
  requestHeaders: RequestHeadersOptions;
  /** Metrics and traffic roll-ups: each gets every finished request. */
  recorders?: readonly RequestRecorder[];
  /** The shared limiter (Redis or in-process), the adaptive signal and the trusted proxies. */
  rateLimit: RateLimitOptions;
  /** The request scanner (shared with the rate limiter's crisis check), event pipeline and meters. */
  safety: SafetyScanOptions;
  /** Instance pools and the per-attempt chain (upstream/attempt/order.ts). */
  upstream: UpstreamOptions;
  /** Aggregation routes: the pools, the per-attempt chain that reads answers whole, meters, the part bound. */
  aggregate: AggregateOptions;
  /** WebSocket sessions (websocket/manager.ts); without it every upgrade is refused. */
  websocket?: { manager: WsManager };
  /** The shared HTTP cache of routes with a cache policy; without it they are not cached. */
  cache?: CacheOptions;
  /** The compression meters and encoder settings of routes with a compression policy. */
  compression?: CompressOptions;
}

export interface Pipeline {
  /** The edge stages; the last one (route-match) runs the route's chain. */
  edge: Stage[];
  chains: RouteChains;
}

const adaptiveServices = new WeakMap<CompiledConfig, ReadonlySet<string>>();

/** A route's service feeds an adaptive rate-limit policy of this revision (its latency and errors). */
function feedsAdaptive(route: CompiledRoute, config: CompiledConfig): boolean {
  let services = adaptiveServices.get(config);
  if (!services) adaptiveServices.set(config, (services = new Set(config.routes.filter((r) => r.edge.rateLimit?.adaptive).map((r) => r.service.name))));
  return services.has(route.service.name);
}

export function routeStages(services: PipelineServices): RouteStageSpec[] {
  const always = () => true;
  return [
    { applies: (r) => r.edge.cors !== null, stage: cors() }, //  Access-Control-Allow-Origin for allowed origins
    { applies: (r) => r.websocket, stage: upgradeOrigin(), upgrade: "only" }, // upgrades only: 403 GW_CORS_DENIED (cross-site WebSocket)
    { applies: (r) => r.edge.auth.policy !== null, stage: authenticate(), upgrade: "also" }, // 401 GW_AUTH_REQUIRED / GW_AUTH_INVALID · 503 GW_AUTH_UNAVAILABLE
    { applies: (r) => r.edge.auth.requirement === "restricted", stage: authorize(), upgrade: "also" }, // 403 GW_FORBIDDEN (any one role, every permission)
    { applies: (r, c) => r.edge.rateLimit !== null || feedsAdaptive(r, c), stage: rateLimit(services.rateLimit), upgrade: "also" }, // 403 GW_IP_BLOCKED · 429 · 503 (fail closed); a scanned crisis passes; an upgrade counts as one request
    { applies: always, stage: bodyLimits() }, //  413 GW_PAYLOAD_TOO_LARGE · 400 GW_BAD_JSON
    { applies: (r) => r.safety.mode !== "off", stage: safetyScan(services.safety) }, // 202 GW_CRISIS_ESCALATED (or forwarded, escalated) · 422 · 451 · 413
    { applies: (r) => r.compression !== null, stage: compress(services.compression) }, // br / gzip of the answer as it streams, by Accept-Encoding (after masking, after the cache's copy: it stores identity)
    { applies: (r) => r.safety.maskResponsePii, stage: maskResponse() }, // PII masking of the answer's body as it streams
    ...(services.cache ? [{ applies: (r: CompiledRoute) => r.cache !== null, stage: cache(services.cache) }] : []), // 504 GW_CACHE_NOT_STORED (only-if-cached); hits answered here; stores masked answers
    { applies: (r) => r.aggregate === null, stage: upstream(services.upstream) }, // 503 GW_NO_INSTANCE / GW_BREAKER_OPEN · 502 · 504
    { applies: (r) => r.aggregate !== null, stage: aggregate(services.aggregate) }, // 502 GW_AGGREGATE_PART_FAILED (a required part) · 200 with the parts merged
  ];
}

export function createPipeline(services: PipelineServices): Pipeline {
  const manager = services.websocket?.manager;
  const chains = routeChains(routeStages(services), {
    connect: manager ? websocketConnect(manager, services.requestHeaders.trustedProxies) : refuseUpgrade(), // 429 GW_WS_CONNECTION_LIMIT · 400 GW_WS_BAD_HANDSHAKE · 502 / 503, then 101
    refuse: refuseUpgrade(), // 400 GW_UPGRADE_NOT_ALLOWED
  });
  const edge: Stage[] = [
    observe({ recorders: services.recorders ?? [] }), // measures the whole request (never answers)
    requestId(), //       echoes x-request-id
    traceContext(services.tracing), // adopts a trusted peer's traceparent or starts a trace; the client's trace headers come off
    securityHeaders(), // OWASP headers on every answer (route overrides), Server / X-Powered-By removed
    requestFraming(), //  400 GW_BAD_FRAMING (CL + TE, repeated, non-chunked TE: smuggling) · 400 GW_BAD_REQUEST (Host repeated or invalid)
    requestHeaders(services.requestHeaders), // drops hop-by-hop, Connection-named, x-tta-* and untrusted forwarding headers; sets the gateway's
    corsPreflight(), //   204 preflight answered · 403 GW_CORS_DENIED
    routeMatch({ runRoute: chains.run }), // 503 GW_NOT_READY · 400 GW_BAD_REQUEST · 404 GW_ROUTE_NOT_FOUND · 405 GW_METHOD_NOT_ALLOWED, then the route's chain
  ];
  return { edge, chains };
}

/**
 * The plain listener's stages when it serves nothing but the way to HTTPS (GATEWAY_HTTP_REDIRECT):
 * measured, with a request id and the security headers (no HSTS over plain HTTP), framing checked.
 */
export function redirectStages(options: { httpsPort: number; recorders?: readonly RequestRecorder[] }): Stage[] {
  return [
    observe({ recorders: options.recorders ?? [] }),
    requestId(),
    securityHeaders(),
    requestFraming(), // 400 GW_BAD_FRAMING · 400 GW_BAD_REQUEST
    httpsRedirect({ httpsPort: options.httpsPort }), // 308 to https:// (GET, HEAD) · 403 GW_HTTPS_REQUIRED (other methods, WebSocket upgrades)
  ];
}
