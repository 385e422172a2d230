// The request context. Edge stages (order.ts) see a Context: the route is not known yet. Once
// route-match has found it, the route's own chain runs with a RouteContext, whose match and config
// are present by type. Route stages add their own fields by declaration merging, in the module
// that owns each field (`declare module "…/pipeline/context.ts" { interface RouteContext {…} }`),
// so this file knows no stage. The config reference is taken once, when the request starts: a
// publish during the request does not change how it is routed.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { PathMatch } from "@tta/domain";
import type { CompiledConfig, CompiledRoute } from "../config/compiled.ts";
import type { RequestTrace } from "../tracing/request-trace.ts";

export interface RouteMatch {
  readonly route: CompiledRoute;
  /** Rewritten (or normalised) path plus the original query string. */
  readonly upstreamPath: string;
  /** What the route's path captured (its :params and *): an aggregation route's parts build their paths from it. */
  readonly captures?: PathMatch;
}

export interface Context {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly config: CompiledConfig | null;
  readonly log: Logger;
  /** Set by the request-id stage. */
  requestId: string;
  /** Set by the trace-context stage (right after the request id): the W3C trace the request is in. */
  trace: RequestTrace | null;
  /** Set by route-match; null before it and for requests no route matched. */
  match: RouteMatch | null;
  /**
   * Headers the gateway puts on the answer whatever the upstream sends (RateLimit): written into the
   * one object node's writeHead gets (stages/security-headers), not through res.setHeader.
   */
  answerHeaders: OutgoingHttpHeaders | null;
  /**
   * The client reached the gateway over TLS: this gateway's HTTPS listener, or a trusted proxy that
   * says so (X-Forwarded-Proto, read by the request-headers stage). HSTS goes only on such answers.
   */
  secure: boolean;
  /** Aborted when the client goes away before its answer is complete; made on first use. */
  readonly signal: AbortSignal;
  /** The client closed the connection before its answer was complete. */
  clientGone(): boolean;
}

/** What a route's own chain sees. Stages add fields (see the file comment). */
export interface RouteContext extends Context {
  readonly config: CompiledConfig;
  match: RouteMatch;
  trace: RequestTrace;
}

export class ClientGoneError extends Error {
  override name = "ClientGoneError";
  constructor() {
    super("the client closed the connection before the answer was complete");
  }
}

class RequestContext implements Context {
  requestId = "";
  trace: RequestTrace | null = null;
  match: RouteMatch | null = null;
  answerHeaders: OutgoingHttpHeaders | null = null;
  private controller: AbortController | null = null;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly config: CompiledConfig | null,
    readonly log: Logger,
    public secure: boolean,
  ) {}

  clientGone(): boolean {
    return this.res.destroyed && !this.res.writableFinished;
  }

  // Most requests never ask: their socket's close is watched by whoever needs it (the exchange).
  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = (this.controller = new AbortController());
      if (this.clientGone()) controller.abort(new ClientGoneError());
      else this.res.once("close", () => !this.res.writableFinished && controller.abort(new ClientGoneError()));
    }
    return this.controller.signal;
  }
}

/** `secure`: the listener the request came in on is the HTTPS one (known per listener, not read per request). */
export function createContext(req: IncomingMessage, res: ServerResponse, config: CompiledConfig | null, log: Logger, secure = false): Context {
  return new RequestContext(req, res, config, log, secure);
}
