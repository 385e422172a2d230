// The request context every stage receives. The config reference is taken once, when the request
// starts: a publish during the request does not change how it is routed.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Transform } from "node:stream";
import type { TTherapeuticPriority } from "@tta/domain";
import type { Logger } from "pino";
import type { AuthContext } from "../auth/auth-context.ts";
import type { CompiledConfig, CompiledRoute } from "../config/compiled.ts";
import type { RequestScan } from "../safety/request-scan.ts";

/**
 * Streams an upstream answer's body goes through before it reaches the client (PII masking); may
 * edit the headers (a transformed body has another length). null = the body is relayed as it is.
 */
export type ResponseTransform = (status: number, headers: OutgoingHttpHeaders) => Transform[] | null;

export interface RouteMatch {
  route: CompiledRoute;
  /** Rewritten (or normalised) path plus the original query string. */
  upstreamPath: string;
}

export interface Context {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly config: CompiledConfig | null;
  /** Aborted when the client goes away before its answer is complete. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Set by the request-id stage. */
  requestId: string;
  /** Set by the route-match stage. */
  match: RouteMatch | null;
  /**
   * The request's priority when a stage knows better than its route (issue 5's crisis detection
   * sets "crisis"); null = the priority of the route's service. Never taken from a client header.
   */
  priority: TTherapeuticPriority | null;
  /** Set by the authenticate stage when a token verified; null = anonymous. */
  auth: AuthContext | null;
  /**
   * The request body when a stage had to read it whole (JSON validation); the upstream sends this
   * instead of the client's stream, which is then used up. null = the body still streams.
   */
  body: Buffer | null;
  /**
   * The safety scan of the body (issue 5), started at most once: by the rate-limit stage when only
   * a crisis could let through a request it would refuse, else by the safety-scan stage.
   */
  safetyScan: Promise<RequestScan> | null;
  /** Set by the mask-response stage; applied by the upstream exchange to the answer's body. */
  transformResponse: ResponseTransform | null;
}

export class ClientGoneError extends Error {
  override name = "ClientGoneError";
  constructor() {
    super("the client closed the connection before the answer was complete");
  }
}

export function createContext(req: IncomingMessage, res: ServerResponse, config: CompiledConfig | null, log: Logger): Context {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new ClientGoneError());
  });
  return { req, res, config, signal: controller.signal, log, requestId: "", match: null, priority: null, auth: null, body: null, safetyScan: null, transformResponse: null };
}
