// The request headers of an aggregation route's parts, made once per request: the client's, as the
// edge and the route's stages left them (its hop-by-hop and x-tta-* headers gone; identity,
// escalation and forwarding headers the gateway's own), plus the correlation id, the config
// revision and the route, as the proxy sends them. What would ask a part for something other than
// a whole, uncompressed JSON answer (conditional and range requests, encodings) stays out; so does
// what describes the client's body, except on the parts that get it (they get their own length).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { HEADERS } from "@tta/domain";
import type { RouteContext } from "../../pipeline/context.ts";

const NEVER = new Set(["host", "content-length", "transfer-encoding", "expect", "accept", "accept-encoding", "range", "if-range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since"]);
const OF_THE_BODY = new Set(["content-type", "content-encoding", "content-md5", "digest", "content-digest"]);

export interface PartHeaders {
  /** For parts whose method sends the client's body along. */
  withBody: OutgoingHttpHeaders;
  withoutBody: OutgoingHttpHeaders;
}

export function partHeaders(ctx: RouteContext): PartHeaders {
  const withBody: OutgoingHttpHeaders = {};
  const withoutBody: OutgoingHttpHeaders = {};
  const client: IncomingHttpHeaders = ctx.req.headers;
  for (const name in client) {
    if (NEVER.has(name)) continue;
    const value = client[name];
    if (value === undefined) continue;
    withBody[name] = value;
    if (!OF_THE_BODY.has(name)) withoutBody[name] = value;
  }
  const ours = { accept: "application/json", "accept-encoding": "identity", [HEADERS.requestId]: ctx.requestId, [HEADERS.configRevision]: String(ctx.config.revision), [HEADERS.route]: ctx.match.route.name };
  return { withBody: Object.assign(withBody, ours), withoutBody: Object.assign(withoutBody, ours) };
}
