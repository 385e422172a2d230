// The proxy itself: http-proxy-middleware (over httpxy) built once per protocol at start-up, with
// its default plugins ejected. The only plugin routes httpxy's events to the attempt's Exchange,
// which owns headers, deadlines, abort and the one outcome. A request may make several attempts:
// the router marks each attempt's options with its Exchange, so that a late event of an earlier
// attempt never reaches a later one. An https attempt goes through its service's agent (its CA,
// client certificate; agents.ts), set on the attempt's options: a Map lookup, nothing built per
// request.
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { createProxyMiddleware, type Plugin, type RequestHandler } from "http-proxy-middleware";
import type { RouteContext } from "../pipeline/context.ts";
import type { Agents } from "./agents.ts";
import { Exchange, STALE_ATTEMPT, type AttemptOutcome, type ProxyAttempt } from "./exchange.ts";

export type { AttemptOutcome, ProxyAttempt } from "./exchange.ts";

/** Sends one attempt upstream; resolves when the answer is complete or the attempt failed. */
export type Forward = (ctx: RouteContext, attempt: ProxyAttempt) => Promise<AttemptOutcome>;

const EXCHANGE = Symbol("tta.exchange");
type WithExchange = { [EXCHANGE]?: Exchange };

const exchangeOf = (carrier: unknown) => (carrier as WithExchange | undefined)?.[EXCHANGE];

const exchangeEvents: Plugin = (proxyServer) => {
  // `options` is this attempt's own copy (see router below).
  proxyServer.on("proxyReq", (proxyReq, _req, _res, options) => exchangeOf(options)?.onProxyReq(proxyReq));
  proxyServer.on("proxyRes", (proxyRes, req) => exchangeOf(req)?.onProxyRes(proxyRes));
  proxyServer.on("error", (error, req) => {
    if (error !== STALE_ATTEMPT) exchangeOf(req)?.fail(error);
  });
  proxyServer.on("econnreset", (error, req) => exchangeOf(req)?.fail(error));
};

function createProxy(agent: Agents["http"] | Agents["https"], agents: Agents | null): RequestHandler {
  return createProxyMiddleware({
    // Called with a per-attempt copy of the options: mark it, give it a replayable body and, for
    // https, its service's agent.
    router: (req, _res, options) => {
      const exchange = exchangeOf(req)!;
      const perAttempt = options as WithExchange & { buffer?: Readable; agent?: unknown };
      perAttempt[EXCHANGE] = exchange;
      const { body, instance, route } = exchange.attempt;
      if (body) perAttempt.buffer = Readable.from([body], { objectMode: false });
      if (agents) perAttempt.agent = agents.forTarget(route.service.name, instance.target);
      return instance.target;
    },
    changeOrigin: true,
    selfHandleResponse: true, // Exchange.onProxyRes writes status and filtered headers
    ejectPlugins: true,
    plugins: [exchangeEvents],
    agent,
  });
}

export function createForward(agents: Agents): Forward {
  const proxies = { http: createProxy(agents.http, null), https: createProxy(agents.https, agents) };
  return function forward(ctx, attempt) {
    const exchange = new Exchange(ctx, attempt);
    const req = ctx.req as IncomingMessage & WithExchange;
    req[EXCHANGE] = exchange;
    req.url = attempt.path;
    req.headers.traceparent = attempt.traceparent; // the client's came off at the edge (tracing/tracing.ts)
    // Node already answered the client's `Expect: 100-continue`; httpxy would not emit proxyReq for it.
    delete req.headers.expect;
    const proxy = attempt.instance.target.protocol === "https:" ? proxies.https : proxies.http;
    proxy(req, ctx.res, (error) => {
      if (error) exchange.fail(error);
    }).then(
      () => exchange.finish(),
      (error: unknown) => exchange.fail(error),
    );
    return exchange.outcome;
  };
}
