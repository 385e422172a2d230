// How many attempts a request may make, and whether its body is read ahead to be sent again.
// Idempotent methods only, unless the route allows others; a body is replayable only when its
// length is known and at most MAX_REPLAY_BODY (a chunked or larger body streams, in one attempt).
import type { IncomingHttpHeaders } from "node:http";
import type { CompiledRetry } from "../../config/compiled.ts";
import type { Priority } from "../load-balance/balancer.ts";

export const MAX_REPLAY_BODY = 64 * 1024;
export const ATTEMPTS_BY_PRIORITY: Record<Priority, number> = { standard: 3, therapeutic: 5, crisis: 10 };
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

export interface AttemptPlan {
  maxAttempts: number;
  bufferBody: boolean;
}

export function attemptPlan(retry: CompiledRetry, priority: Priority, method: string, headers: IncomingHttpHeaders): AttemptPlan {
  let maxAttempts = retry.attempts ?? ATTEMPTS_BY_PRIORITY[priority];
  if (maxAttempts === 1) return { maxAttempts, bufferBody: false };
  if (!IDEMPOTENT.has(method) && !retry.retryNonIdempotent) return { maxAttempts: 1, bufferBody: false };
  if (headers["transfer-encoding"] !== undefined) return { maxAttempts: 1, bufferBody: false };
  const length = headers["content-length"] === undefined ? 0 : Number(headers["content-length"]);
  if (!(length <= MAX_REPLAY_BODY)) maxAttempts = 1;
  return { maxAttempts, bufferBody: maxAttempts > 1 && length > 0 };
}
