// Request body size per route (the route's maxBodyBytes, else GATEWAY_MAX_BODY_BYTES): 413
// GW_PAYLOAD_TOO_LARGE up front when Content-Length says so, and while streaming for chunked
// bodies. Routes with bodyValidation "json" have their body read whole (within the limit) and
// checked: 400 GW_BAD_JSON says where it breaks; a good body is then sent as read (ctx.body).
// Other bodies are never buffered here (the safety scan reads those of scanning routes). After a
// 413 the connection is closed, unread.
import type { Context } from "../../pipeline/context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import type { Stage } from "../../pipeline/stage.ts";
import { checkJson } from "./json-check.ts";
import { limitStream, tooLargeMessage } from "./limit-stream.ts";
import { readLimited } from "./read-limited.ts";

export interface BodyLimitsOptions {
  /** GATEWAY_MAX_BODY_BYTES: the limit of routes that set none. */
  defaultMaxBytes: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(ctx: Context, maxBytes: number): void {
  ctx.res.shouldKeepAlive = false;
  sendError(ctx, "GW_PAYLOAD_TOO_LARGE", { message: tooLargeMessage(maxBytes) });
}

export function bodyLimits(options: BodyLimitsOptions): Stage {
  return async function bodyLimits(ctx, next) {
    const { edge } = ctx.match!.route;
    const maxBytes = edge.maxBodyBytes ?? options.defaultMaxBytes;
    const { headers } = ctx.req;
    const declared = headers["content-length"] === undefined ? null : Number(headers["content-length"]);
    const chunked = headers["transfer-encoding"] !== undefined;
    if (declared !== null && declared > maxBytes) return tooLarge(ctx, maxBytes);
    if (!chunked && !declared) return next(); // no body

    if (!edge.jsonBody) {
      if (chunked && !ctx.body) limitStream(ctx.req, maxBytes, () => (ctx.res.shouldKeepAlive = false));
      return next();
    }
    // Already read within the limit by a crisis check of the rate-limit stage (issue 5): check that.
    const read = ctx.body ? ({ kind: "ok", body: ctx.body } as const) : await readLimited(ctx.req, maxBytes);
    if (read.kind === "gone") return; // the client went away while sending it
    if (read.kind === "too-large") return tooLarge(ctx, maxBytes);
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
    ctx.body = read.body;
    return next();
  };
}
