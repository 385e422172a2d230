// Turns what went wrong with an upstream attempt into the code the client sees. The original
// error is kept as the cause, for the log line.
import { GatewayError } from "../pipeline/gateway-error.ts";

export function classifyUpstreamError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  // llhttp's HPE_* codes: the upstream answered, but not with valid HTTP.
  if (typeof code === "string" && code.startsWith("HPE_")) return new GatewayError("GW_UPSTREAM_BAD_RESPONSE", undefined, { cause: error });
  // ECONNREFUSED, ECONNRESET (socket hang up), EHOSTUNREACH, ENOTFOUND…: no usable answer.
  return new GatewayError("GW_UPSTREAM_UNAVAILABLE", undefined, { cause: error });
}
