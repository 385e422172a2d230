// Stable error codes shared by the gateway's answers and the console's API. A code never changes
// meaning once published; clients and runbooks key on it.

export const ERROR_CODES = {
  GW_ROUTE_NOT_FOUND: { status: 404, retryable: false, message: "No route matches this request." },
  GW_METHOD_NOT_ALLOWED: { status: 405, retryable: false, message: "This route does not accept this method." },
  GW_BAD_REQUEST: { status: 400, retryable: false, message: "The request is malformed." },
  GW_NO_INSTANCE: { status: 503, retryable: true, message: "No healthy instance can take this request." },
  GW_NOT_READY: { status: 503, retryable: true, message: "The gateway has no configuration loaded yet." },
  GW_UPSTREAM_UNAVAILABLE: { status: 502, retryable: true, message: "The upstream service could not be reached." },
  GW_UPSTREAM_BAD_RESPONSE: { status: 502, retryable: true, message: "The upstream service gave a broken answer." },
  GW_UPSTREAM_TIMEOUT: { status: 504, retryable: true, message: "The upstream service did not answer in time." },
  GW_AGGREGATE_PART_FAILED: { status: 502, retryable: true, message: "A required part of this answer could not be fetched from its service." },
  GW_INTERNAL: { status: 500, retryable: false, message: "The gateway failed to handle this request." },
  GW_BREAKER_OPEN: { status: 503, retryable: true, message: "Every instance that could take this request has its circuit breaker open." },
  GW_REGISTRATION_DISABLED: { status: 503, retryable: false, message: "Registration is disabled: GATEWAY_REGISTRATION_TOKEN is not set on this gateway." },
  GW_REGISTRATION_UNAUTHORIZED: { status: 401, retryable: false, message: "Registration needs Authorization: Bearer <GATEWAY_REGISTRATION_TOKEN>." },
  GW_REGISTRATION_INVALID: { status: 400, retryable: false, message: "The registration request is not valid." },
  GW_INSTANCE_NOT_FOUND: { status: 404, retryable: false, message: "No such registered instance (it may have expired): register again." },
  GW_REGISTRY_UNAVAILABLE: { status: 503, retryable: true, message: "The service registry cannot be reached." },
  GW_AUTH_REQUIRED: { status: 401, retryable: false, message: "Please sign in to continue." },
  GW_AUTH_INVALID: { status: 401, retryable: false, message: "Your sign-in could not be confirmed or has expired. Please sign in again." },
  GW_AUTH_UNAVAILABLE: { status: 503, retryable: true, message: "Sign-in cannot be checked right now. Please try again in a moment." },
  GW_FORBIDDEN: { status: 403, retryable: false, message: "Your account does not have access to this." },
  GW_IP_BLOCKED: { status: 403, retryable: false, message: "Requests from this network address are not accepted here." },
  GW_CORS_DENIED: { status: 403, retryable: false, message: "This origin may not call this route from a browser." },
  GW_RATE_LIMITED: { status: 429, retryable: true, message: "There have been a lot of requests in a short time. Please wait a moment and try again." },
  GW_RATE_LIMIT_UNAVAILABLE: { status: 503, retryable: true, message: "Request limits cannot be checked right now. Please try again shortly." },
  GW_PAYLOAD_TOO_LARGE: { status: 413, retryable: false, message: "The request body is larger than this route accepts." },
  GW_HEADERS_TOO_LARGE: { status: 431, retryable: false, message: "The request headers are too large." },
  GW_REQUEST_TIMEOUT: { status: 408, retryable: true, message: "The request's headers did not arrive in time." },
  GW_BAD_JSON: { status: 400, retryable: false, message: "The request body is not valid JSON." },
  GW_BAD_FRAMING: { status: 400, retryable: false, message: "The request's Content-Length / Transfer-Encoding headers are missing, repeated or in conflict." },
  GW_CRISIS_ESCALATED: {
    status: 202,
    retryable: false,
    message: "Thank you for telling us. Someone from our care team has been alerted and will reach out. If you are in danger right now, please contact one of the crisis lines below.",
  },
  GW_CONTENT_UNSAFE: { status: 422, retryable: false, message: "This message was not sent because it goes against the community safety guidelines." },
  GW_PRIVACY_VIOLATION: {
    status: 451,
    retryable: false,
    message: "This message was not sent because it contains personal information that may not be shared here. Remove it and try again.",
  },
  GW_UNSCANNABLE_BODY: {
    status: 415,
    retryable: false,
    message: "This message could not be checked, so it was not sent. Please send it as plain text or JSON (UTF-8). If you are in danger right now, please contact one of the crisis lines.",
  },
  GW_HTTPS_REQUIRED: { status: 403, retryable: false, message: "This gateway accepts this request over HTTPS only: send it to the https:// address in details.location." },
  GW_UPGRADE_NOT_ALLOWED: { status: 400, retryable: false, message: "This route does not accept WebSocket connections." },
  GW_WS_BAD_HANDSHAKE: { status: 400, retryable: false, message: "The WebSocket handshake is not valid." },
  GW_WS_CONNECTION_LIMIT: { status: 429, retryable: true, message: "There are too many open real-time connections for this account. Close one and try again." },
  GW_WS_SESSION_NOT_FOUND: { status: 404, retryable: false, message: "No such real-time session (it may have expired)." },
  GW_WS_INVALID: { status: 400, retryable: false, message: "The message request is not valid." },
  GW_CACHE_NOT_STORED: { status: 504, retryable: false, message: "The request asked for a stored answer only (only-if-cached) and the cache has none it may use." },
  GW_CACHE_CANNOT_REVALIDATE: { status: 504, retryable: true, message: "The stored answer may only be used once the upstream confirms it (must-revalidate), and the upstream could not be reached." },
  GW_CACHE_UNAVAILABLE: { status: 503, retryable: true, message: "The cache store could not be reached; nothing was purged." },
  GW_CACHE_INVALID: { status: 400, retryable: false, message: "The cache purge request is not valid." },
  GW_ADMIN_UNAUTHORIZED: { status: 401, retryable: false, message: "This admin endpoint needs Authorization: Bearer <GATEWAY_ADMIN_TOKEN>." },
  GW_ADMIN_FORBIDDEN: { status: 403, retryable: false, message: "The admin token is not valid." },
  GW_ADMIN_DISABLED: { status: 403, retryable: false, message: "This admin endpoint is disabled: GATEWAY_ADMIN_TOKEN is not set on this gateway." },
  CONSOLE_VALIDATION: { status: 400, retryable: false, message: "Some fields are not valid." },
  CONSOLE_CONFLICT: { status: 409, retryable: false, message: "This conflicts with existing configuration." },
  CONSOLE_NOT_FOUND: { status: 404, retryable: false, message: "Not found." },
  CONSOLE_AUTH_REQUIRED: { status: 401, retryable: false, message: "Sign in to continue." },
  CONSOLE_ROLE_REQUIRED: { status: 403, retryable: false, message: "Your role does not allow this." },
  CONSOLE_INTERNAL: { status: 500, retryable: true, message: "Something went wrong on the server." },
  CONSOLE_FORBIDDEN_ORIGIN: { status: 403, retryable: false, message: "This request did not come from a console page, so it was not carried out." },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The JSON body of every error answer. `traceId` (the W3C trace id, 32 hex digits) is there when
 * the answer comes from the gateway's request path, beside the correlation id: support can find
 * the request in the logs by either and in the tracing backend by the trace id.
 */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; retryable: boolean; correlationId: string; traceId?: string; details?: unknown };
}

export function errorBody(code: ErrorCode, correlationId: string, message?: string, details?: unknown, traceId?: string): ErrorBody {
  const def = ERROR_CODES[code];
  return {
    error: {
      code,
      message: message ?? def.message,
      retryable: def.retryable,
      correlationId,
      ...(traceId === undefined ? {} : { traceId }),
      ...(details === undefined ? {} : { details }),
    },
  };
}

/** A field-level validation problem, as shown next to a form field. */
export interface FieldError {
  path: string;
  message: string;
}
