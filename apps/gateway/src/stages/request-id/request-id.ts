// Gives every request a correlation id: the caller's own `x-request-id` when it is sane (so a
// trace crosses the gateway), a fresh `req_…` otherwise. It is echoed on every answer (by the
// security-headers hook, with the gateway's other answer headers).
import { HEADERS, newId } from "@tta/domain";
import { SANE_REQUEST_ID } from "../../http/request-id.ts";
import type { Stage } from "../../pipeline/stage.ts";

export interface RequestIdOptions {
  header?: string;
  generate?: () => string;
}

export function requestId(options: RequestIdOptions = {}): Stage {
  const header = options.header ?? HEADERS.requestId;
  const generate = options.generate ?? (() => newId("request"));
  return function requestId(ctx, next) {
    const incoming = ctx.req.headers[header];
    ctx.requestId = typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : generate();
    return next();
  };
}
