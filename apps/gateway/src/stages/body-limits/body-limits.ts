// Request body size per route (the route's maxBodyBytes, else GATEWAY_MAX_BODY_BYTES): 413
// GW_PAYLOAD_TOO_LARGE up front when Content-Length says so, and as the limit is crossed for
// chunked bodies that stream. Routes with bodyValidation "json" have their body read whole
// (within the limit, by the body owner) and checked: 400 GW_BAD_JSON says where it breaks; a good
// body is then sent as read. Other bodies are never buffered here (the safety scan reads those of
// scanning routes). After a 413 the connection is closed, unread. In every route's chain.
import { requestBody, type RequestBody } from "../../body/request-body.ts";
import { tooLargeMessage } from "../../body/limit-stream.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, type Next, type RouteStage } from "../../pipeline/stage.ts";
import { checkJson } from "./json-check.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function payloadTooLarge(ctx: RouteContext, maxBytes: number): void {
  ctx.res.shouldKeepAlive = false; // the rest of the body is not read
  sendError(ctx, "GW_PAYLOAD_TOO_LARGE", { message: tooLargeMessage(maxBytes) });
}

export function bodyLimits(): RouteStage {
  return function bodyLimits(ctx, next) {
    const { headers } = ctx.req;
    if (!ctx.body && headers["content-length"] === undefined && headers["transfer-encoding"] === undefined) return next(); // no body: nothing to limit
    const body = requestBody(ctx);
    if (body.declaredTooLarge) {
      payloadTooLarge(ctx, body.maxBytes);
      return ANSWERED;
    }
    if (!body.present) return next();
    if (!ctx.match.route.edge.jsonBody) {
      body.guardStream(() => (ctx.res.shouldKeepAlive = false));
      return next();
    }
    return checkedJson(ctx, body, next);
  };
}

/** JSON routes: the body read whole (within the limit) and checked before it goes on. */
async function checkedJson(ctx: RouteContext, body: RequestBody, next: Next): Promise<void> {
  const read = await body.readAll(); // may have been read already by a crisis check of the rate limiter
  if (read.kind === "gone") return; // the client went away while sending it
  if (read.kind === "too-large") return payloadTooLarge(ctx, body.maxBytes);
  if (read.body.length > 0) {
    let text: string;
    try {
      text = utf8.decode(read.body);
    } catch {
      sendError(ctx, "GW_BAD_JSON", { message: "The request body is not valid UTF-8, so it cannot be JSON." });
      return;
    }
    const problem = checkJson(text);
    if (problem) {
      const { message, ...where } = problem;
      sendError(ctx, "GW_BAD_JSON", { message: `The request body is not valid JSON: ${message} at line ${where.line}, column ${where.column}.`, details: where });
      return;
    }
  }
  return next();
}
