// One upstream attempt from start to settle: its deadlines (connect, response headers), the
// client's abort, the request and response headers, and exactly one outcome. Aborting destroys
// the upstream request (a real cancellation); if the request has no socket yet it is destroyed the
// moment it gets one, with STALE_ATTEMPT, which nobody reports: a later attempt of the same request
// may be running by then.
import type { ClientRequest, IncomingMessage } from "node:http";
import type { Transform } from "node:stream";
import type { CompiledRoute } from "../config/compiled.ts";
import { ClientGoneError, type RouteContext } from "../pipeline/context.ts";
import { GatewayError } from "../pipeline/gateway-error.ts";
import { classifyUpstreamError } from "./classify-error.ts";
import { endToEndHeaders } from "../http/hop-by-hop.ts";
import "./answer-hook.ts";
import "../compression/answer-compressor.ts";

/** What one attempt asks of the proxy. */
export interface ProxyAttempt {
  route: CompiledRoute;
  instance: { readonly url: string; readonly target: URL };
  /** Path and query to request from the instance. */
  path: string;
  /** How long this attempt may wait for the instance's response headers. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** The request body, read ahead so that it can be sent again; null = stream the client's request. */
  body: Buffer | null;
  /** This attempt's traceparent (its own span as parent when spans are recorded). */
  traceparent: string;
}

/** An answer the gateway read whole for itself (an aggregation part's; upstream/attempt/collect.ts). */
export interface CollectedAnswer {
  readonly headers: IncomingMessage["headers"];
  /** null: longer than the call's bound, not read to its end. */
  readonly body: Buffer | null;
}

export type AttemptOutcome =
  | { kind: "answered"; status: number; headersMs: number; collected?: CollectedAnswer }
  | { kind: "client-gone" }
  | { kind: "failed"; error: GatewayError };

export const CLIENT_GONE: AttemptOutcome = Object.freeze({ kind: "client-gone" });

/** The error a superseded attempt's request is destroyed with; never reported. */
export const STALE_ATTEMPT = new Error("superseded upstream attempt");

export class Exchange {
  readonly outcome: Promise<AttemptOutcome>;
  private resolve!: (outcome: AttemptOutcome) => void;
  private settled = false;
  private aborted: unknown = null;
  private proxyReq: ClientRequest | null = null;
  private readonly startedAt = performance.now();
  private headersMs = 0;
  private status = 0;
  private readonly deadline: NodeJS.Timeout;
  private connectTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ctx: RouteContext,
    readonly attempt: ProxyAttempt,
  ) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    this.onClose = this.clientClosed.bind(this);
    const { timeoutMs } = attempt;
    this.deadline = setTimeout(() => this.abort(timeoutError(timeoutMs, "before answering")), timeoutMs);
    // The client socket's close is the cancellation: no AbortController per request.
    if (ctx.clientGone()) this.abort(new ClientGoneError());
    else ctx.res.once("close", this.onClose);
  }

  /** The client's close, bound once per attempt (a bound method: no per-request named closure). */
  private readonly onClose: () => void;

  private clientClosed(): void {
    if (!this.ctx.res.writableFinished) this.abort(new ClientGoneError());
  }

  private abort(reason: unknown): void {
    if (this.settled || this.aborted) return;
    this.aborted = reason;
    if (this.proxyReq) this.proxyReq.destroy(reason as Error);
    else this.fail(reason);
  }

  /** The upstream request has a socket and its headers are not sent yet. */
  onProxyReq(proxyReq: ClientRequest): void {
    if (this.aborted || this.settled) {
      proxyReq.destroy(STALE_ATTEMPT);
      return;
    }
    this.proxyReq = proxyReq;
    const socket = proxyReq.socket;
    if (socket?.connecting) {
      const { connectTimeoutMs } = this.attempt;
      this.connectTimer = setTimeout(() => this.abort(connectTimeoutError(connectTimeoutMs)), connectTimeoutMs);
      socket.once("connect", () => clearTimeout(this.connectTimer));
    }
  }

  /** The upstream answered: relay status and end-to-end headers, then stream the body. */
  onProxyRes(proxyRes: IncomingMessage): void {
    if (this.settled) {
      proxyRes.destroy();
      return;
    }
    clearTimeout(this.deadline);
    clearTimeout(this.connectTimer);
    this.headersMs = performance.now() - this.startedAt;
    this.status = proxyRes.statusCode ?? 502;
    // From here the route timeout bounds silence on the upstream socket, not the whole body.
    const { timeoutMs } = this.attempt.route;
    this.proxyReq?.setTimeout(timeoutMs, () => this.abort(timeoutError(timeoutMs, "while sending its answer")));
    const { res } = this.ctx;
    const headers = endToEndHeaders(proxyRes.headers); // the request id and config revision go on in writeHead (stages/security-headers)
    let transforms: Transform[] | null = null;
    try {
      transforms = this.ctx.transformResponse?.(this.status, headers) ?? null; // PII masking (may edit headers)
      const decision = this.ctx.upstreamAnswer?.(this.status, headers, proxyRes); // the cache
      if (decision?.kind === "answered") {
        proxyRes.resume(); // drained: its end settles the attempt
        return;
      }
      if (decision?.capture) transforms = [...(transforms ?? []), decision.capture];
      const encoder = this.ctx.compressAnswer?.(this.status, headers); // br / gzip, last: the cache copied identity bytes (may edit headers)
      if (encoder) transforms = [...(transforms ?? []), encoder];
      res.writeHead(this.status, proxyRes.statusMessage, headers);
    } catch (error) {
      // e.g. a status code node refuses to send, or a body that cannot be masked: not relayed. The
      // upstream request is complete, so destroying it would emit no error: settle here.
      proxyRes.destroy();
      this.aborted = error instanceof GatewayError ? error : new GatewayError("GW_UPSTREAM_BAD_RESPONSE", undefined, { cause: error });
      this.proxyReq?.destroy(STALE_ATTEMPT);
      this.fail(this.aborted);
      return;
    }
    if (!transforms) {
      proxyRes.pipe(res);
      return;
    }
    this.relayThrough(proxyRes, transforms);
  }

  /**
   * proxyRes -> transforms -> res with pipe() (stream.pipeline costs twice as much per request and
   * piles listeners on the response). An error in any of them cuts the answer: its headers are out.
   */
  private relayThrough(proxyRes: IncomingMessage, transforms: Transform[]): void {
    const { res, log, requestId } = this.ctx;
    let failed = false;
    const cut = (error: Error) => {
      if (failed) return;
      failed = true;
      if (!this.ctx.clientGone()) log.warn({ requestId, traceId: this.ctx.trace.traceId, err: error }, "transforming the upstream answer failed; connection cut");
      proxyRes.destroy();
      for (const t of transforms) t.destroy();
      res.destroy();
    };
    let tail: NodeJS.ReadableStream = proxyRes;
    for (const t of transforms) {
      t.once("error", cut);
      tail = tail.pipe(t);
    }
    proxyRes.once("error", cut);
    tail.pipe(res);
  }

  fail(error: unknown): void {
    if (this.ctx.clientGone()) this.settle(CLIENT_GONE);
    else this.settle({ kind: "failed", error: classifyUpstreamError(this.aborted ?? error) });
  }

  finish(): void {
    this.settle(this.ctx.clientGone() ? CLIENT_GONE : { kind: "answered", status: this.status, headersMs: this.headersMs });
  }

  private settle(outcome: AttemptOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.deadline);
    clearTimeout(this.connectTimer);
    this.ctx.res.off("close", this.onClose);
    this.resolve(outcome);
  }
}

export function timeoutError(timeoutMs: number, when: string): GatewayError {
  return new GatewayError("GW_UPSTREAM_TIMEOUT", undefined, { cause: new Error(`upstream was silent for ${timeoutMs} ms ${when}`) });
}

export function connectTimeoutError(timeoutMs: number): GatewayError {
  return new GatewayError("GW_UPSTREAM_UNAVAILABLE", undefined, { cause: new Error(`no connection to the upstream within ${timeoutMs} ms`) });
}
