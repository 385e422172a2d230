// The request path, in order. Each stage either answers or hands the request to the next one; see
// apps/gateway/README.md for what each stage answers with when it stops a request.
import { authenticate } from "../stages/authenticate/authenticate.ts";
import { authorize } from "../stages/authorize/authorize.ts";
import { bodyLimits, type BodyLimitsOptions } from "../stages/body-limits/body-limits.ts";
import { cors, corsPreflight } from "../stages/cors/cors.ts";
import { observe, type RequestRecorder } from "../stages/observe/observe.ts";
import { rateLimit, type RateLimitOptions } from "../stages/rate-limit/rate-limit.ts";
import { requestFraming } from "../stages/request-framing/request-framing.ts";
import { requestHeaders, type RequestHeadersOptions } from "../stages/request-headers/request-headers.ts";
import { requestId } from "../stages/request-id/request-id.ts";
import { maskResponse } from "../stages/mask-response/mask-response.ts";
import { safetyScan, type SafetyScanOptions } from "../stages/safety-scan/safety-scan.ts";
import { routeMatch } from "../stages/route-match/route-match.ts";
import { securityHeaders } from "../stages/security-headers/security-headers.ts";
import { upstream, type UpstreamOptions } from "../stages/upstream/upstream.ts";
import type { Stage } from "./stage.ts";

export interface PipelineServices {
  /** Whose forwarding headers are believed (the trusted proxies). */
  requestHeaders: RequestHeadersOptions;
  /** Instance pools and the per-attempt chain (upstream/attempt/order.ts). */
  upstream: UpstreamOptions;
  /** Metrics and traffic roll-ups: each gets every finished request. */
  recorders?: readonly RequestRecorder[];
  /** The shared limiter (Redis or in-process), the adaptive signal and the trusted proxies. */
  rateLimit: RateLimitOptions;
  bodyLimits: BodyLimitsOptions;
  /** The request scanner (shared with the rate limiter's crisis check), event pipeline and meters. */
  safety: SafetyScanOptions;
}

export function requestStages(services: PipelineServices): Stage[] {
  return [
    observe({ recorders: services.recorders ?? [] }), // measures the whole request (never answers)
    requestId(), //       echoes x-request-id
    securityHeaders(), // OWASP headers on every answer (route overrides), Server / X-Powered-By removed
    requestFraming(), //  400 GW_BAD_FRAMING (CL + TE, repeated, non-chunked TE: smuggling) · 400 GW_BAD_REQUEST (Host repeated or invalid)
    requestHeaders(services.requestHeaders), // drops hop-by-hop, Connection-named, x-tta-* and untrusted forwarding headers; sets the gateway's
    corsPreflight(), //   204 preflight answered · 403 GW_CORS_DENIED
    routeMatch(), //      503 GW_NOT_READY · 400 GW_BAD_REQUEST · 404 GW_ROUTE_NOT_FOUND · 405 GW_METHOD_NOT_ALLOWED
    cors(), //            Access-Control-Allow-Origin for allowed origins
    authenticate(), //    strips x-tta-* · 401 GW_AUTH_REQUIRED / GW_AUTH_INVALID · 503 GW_AUTH_UNAVAILABLE
    authorize(), //       403 GW_FORBIDDEN (any one role, every permission)
    rateLimit(services.rateLimit), // 403 GW_IP_BLOCKED · 429 GW_RATE_LIMITED · 503 GW_RATE_LIMIT_UNAVAILABLE (fail closed); a scanned crisis passes
    bodyLimits(services.bodyLimits), // 413 GW_PAYLOAD_TOO_LARGE · 400 GW_BAD_JSON
    safetyScan(services.safety), // 202 GW_CRISIS_ESCALATED (or forwarded, escalated) · 422 GW_CONTENT_UNSAFE · 451 GW_PRIVACY_VIOLATION · 413
    maskResponse(), //    PII masking of the answer's body as it streams (applied inside upstream)
    upstream(services.upstream), // 503 GW_NO_INSTANCE / GW_BREAKER_OPEN · 502 GW_UPSTREAM_UNAVAILABLE / GW_UPSTREAM_BAD_RESPONSE · 504 GW_UPSTREAM_TIMEOUT
  ];
}
