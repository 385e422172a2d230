// The upstream leg of a WebSocket session: an instance picked by the service's balancer among those
// in rotation whose breaker allows it, a WebSocket to it with the request's end-to-end headers
// (identity included) and the gateway's own (the leg's traceparent among them), and the breaker and
// the leg's span told how the connect went. A wss:// leg carries its service's TLS options (CA,
// client certificate, server name; upstream/agents.ts).
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { ConnectionOptions } from "node:tls";
import { WebSocket } from "ws";
import type { CompiledRoute } from "../config/compiled.ts";
import type { AttemptSpan } from "../tracing/request-trace.ts";
import { pickForOwnRequest } from "./own-request-instance.ts";
import type { UpstreamPools } from "./pool/upstream-pools.ts";

/** Not passed upstream: the handshake's own headers and the client's credentials. */
const NOT_FORWARDED = /^(host|upgrade|connection|sec-websocket-.*|authorization|cookie)$/;

const INSTANCE = Symbol("tta.ws.instance");
type Counted = WebSocket & { [INSTANCE]?: { active: number } };

/** Least-connections sees open legs: one listener for every leg, its instance on the socket. */
function onLegClose(this: Counted): void {
  this[INSTANCE]!.active--;
}

export type LegFailure = "GW_NO_INSTANCE" | "GW_BREAKER_OPEN" | "GW_UPSTREAM_UNAVAILABLE";

export interface LegRequest {
  route: CompiledRoute;
  /** Path and query for the instance. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Added to (and replacing) the request's headers: x-request-id, the session headers. */
  extraHeaders: Record<string, string>;
  connectTimeoutMs: number;
  /** The service's TLS options for a wss:// instance (CA, client certificate, server name). */
  tls?: ConnectionOptions;
  /** The leg's span: its traceparent goes on the handshake; it ends when the connect succeeded or failed. */
  span: AttemptSpan;
  /** Called before the handshake completes: ws emits the frames that came with it right after "open". */
  wire(upstream: WebSocket): void;
}

export async function openUpstreamLeg(pools: UpstreamPools, leg: LegRequest): Promise<{ ok: true; upstream: WebSocket } | { ok: false; code: LegFailure }> {
  const picked = pickForOwnRequest(pools, leg.route, Date.now());
  if (!picked.ok) {
    leg.span.end({ error: picked.code });
    return picked;
  }
  const { instance, permit } = picked;
  const target = new URL(leg.path, instance.target);
  target.protocol = target.protocol === "https:" ? "wss:" : "ws:";
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(leg.headers)) if (value !== undefined && !NOT_FORWARDED.test(name)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  Object.assign(headers, leg.extraHeaders);
  const tls = target.protocol === "wss:" ? leg.tls : undefined;
  headers.traceparent = leg.span.traceparent;
  const upstream = new WebSocket(target, { ...tls, headers, handshakeTimeout: leg.connectTimeoutMs, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
  leg.wire(upstream);
  instance.active++;
  const ok = await new Promise<boolean>((resolve) => {
    const settle = (opened: boolean) => {
      // The listeners hold this request's headers: none stays on a leg that lives for hours.
      upstream.removeListener("open", onOpen).removeListener("error", onError).removeListener("unexpected-response", onRefused);
      resolve(opened);
    };
    const onOpen = () => settle(true);
    const onError = () => settle(false);
    const onRefused = (_req: unknown, res: IncomingMessage) => {
      res.resume();
      upstream.terminate();
      settle(false);
    };
    upstream.once("open", onOpen).once("error", onError).once("unexpected-response", onRefused);
  });
  instance.breaker.record(permit, ok ? "success" : "connection_failure", Date.now());
  leg.span.end(ok ? { instance: instance.target, status: 101 } : { instance: instance.target, error: "GW_UPSTREAM_UNAVAILABLE" });
  if (!ok) {
    instance.active--;
    upstream.removeAllListeners();
    upstream.on("error", () => {});
    return { ok: false, code: "GW_UPSTREAM_UNAVAILABLE" };
  }
  (upstream as Counted)[INSTANCE] = instance;
  upstream.once("close", onLegClose);
  return { ok: true, upstream };
}
