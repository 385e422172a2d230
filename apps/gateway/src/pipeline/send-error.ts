// Every error answer goes through here: JSON with the code, the correlation id and the trace id,
// never a stack.
// Once headers are out a second answer is impossible, so the connection is cut instead.
import type { OutgoingHttpHeaders } from "node:http";
import { ERROR_CODES, errorBody, type ErrorCode } from "@tta/domain";
import type { Context } from "./context.ts";

export function sendError(ctx: Context, code: ErrorCode, options: { message?: string; headers?: OutgoingHttpHeaders; details?: unknown } = {}): void {
  const { res } = ctx;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (res.destroyed) return; // nobody is listening any more
  const body = JSON.stringify(errorBody(code, ctx.requestId, options.message, options.details, ctx.trace?.traceId));
  res.writeHead(ERROR_CODES[code].status, {
    ...options.headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}
