// Per attempt, last, for the gateway's own requests (an aggregation route's parts), in place of the
// proxy: the request goes to the picked instance through the shared keep-alive agents, and its
// answer is read whole, within the call's bound. Its time limits are the proxy's: this attempt's
// for the response headers (the route's attempt timeout or what is left of the call's deadline,
// whichever is shorter), then the call's deadline for the body; the connect timeout for a new
// connection. Each aborts the request (a real cancellation), and so does the client going away.
import http from "node:http";
import https from "node:https";
import { ClientGoneError } from "../../pipeline/context.ts";
import { GatewayError } from "../../pipeline/gateway-error.ts";
import type { Agents } from "../agents.ts";
import { classifyUpstreamError } from "../classify-error.ts";
import { CLIENT_GONE, connectTimeoutError, timeoutError, type AttemptOutcome } from "../exchange.ts";
import type { AdmittedAttempt, Dispatch } from "./call.ts";

export function collect(agents: Pick<Agents, "http" | "forTarget">, now: () => number = Date.now): Dispatch<AdmittedAttempt> {
  return function collect(ctx, attempt) {
    const { call, instance } = attempt;
    const own = call.collect;
    if (!own) throw new Error("collect: the call has no request of its own (the proxy relays the client's)");
    if (ctx.clientGone()) return Promise.resolve(CLIENT_GONE);
    const { retry } = call.route;
    const left = Math.max(1, call.deadlineAt - now());
    const headersWithin = retry.attemptTimeoutMs === null ? left : Math.min(retry.attemptTimeoutMs, left);
    const { target } = instance;
    const secure = target.protocol === "https:";
    // As the proxy does: an instance URL with a path prefixes the call's path.
    const prefix = target.pathname.endsWith("/") ? target.pathname.slice(0, -1) : target.pathname;
    // Each attempt its own traceparent (its span, or the request's one when not recorded), as the proxy sends.
    const headers = { ...own.headers, ...(call.body ? { "content-length": call.body.length } : null), traceparent: attempt.span.traceparent };
    const started = performance.now();
    const { signal } = ctx;

    return new Promise<AttemptOutcome>((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let connectTimer: NodeJS.Timeout | undefined;
      const settle = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(connectTimer);
        signal.removeEventListener("abort", onAbort);
        resolve(outcome);
      };
      const fail = (error: unknown) => settle(error instanceof ClientGoneError || ctx.clientGone() ? CLIENT_GONE : { kind: "failed", error: classifyUpstreamError(error) });
      const req = (secure ? https : http).request({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: prefix + call.path,
        method: own.method,
        headers,
        agent: agents.forTarget(call.pool.name, target), // the part's service's own TLS (CA, client certificate) when it has one
      });
      // Settles with the reason first: whatever the destroyed request emits afterwards is not reported.
      const abort = (reason: unknown) => {
        fail(reason);
        req.destroy();
      };
      const onAbort = () => abort(new ClientGoneError());
      signal.addEventListener("abort", onAbort, { once: true });
      timer = setTimeout(() => abort(timeoutError(headersWithin, "before answering")), headersWithin);
      req.once("socket", (socket) => {
        if (!socket.connecting) return; // a kept-alive connection
        connectTimer = setTimeout(() => abort(connectTimeoutError(retry.connectTimeoutMs)), retry.connectTimeoutMs);
        socket.once("connect", () => clearTimeout(connectTimer));
      });
      req.on("error", fail);
      req.once("response", (res) => {
        const headersMs = performance.now() - started;
        const status = res.statusCode ?? 502;
        clearTimeout(timer);
        const bodyWithin = Math.max(1, call.deadlineAt - now());
        timer = setTimeout(() => abort(new GatewayError("GW_UPSTREAM_TIMEOUT", undefined, { cause: new Error(`the answer was not complete within ${bodyWithin} ms`) })), bodyWithin);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= own.maxBodyBytes) return void chunks.push(chunk);
          settle({ kind: "answered", status, headersMs, collected: { headers: res.headers, body: null } });
          req.destroy(); // the rest is not read
        });
        res.once("end", () => settle({ kind: "answered", status, headersMs, collected: { headers: res.headers, body: Buffer.concat(chunks, size) } }));
        res.on("error", fail);
        res.once("close", () => {
          if (!res.complete) fail(new GatewayError("GW_UPSTREAM_BAD_RESPONSE", undefined, { cause: new Error("the upstream cut its answer short") }));
        });
      });
      req.end(call.body ?? undefined);
    });
  };
}
