// The trace a request belongs to, as the rest of the gateway sees it: its trace id (logs, error
// answers), the traceparent to send upstream, and spans that exist only when the request is
// recorded (an OTLP endpoint is configured and the trace is sampled). LocalTrace is the trace of
// every request that is not recorded: two strings, no SDK object, nothing exported.
import type { CompiledRoute } from "../config/compiled.ts";
import { formatTraceparent } from "./trace-context.ts";

/** How an upstream attempt ended, for its span. */
export interface AttemptEnd {
  /** The instance it went to; absent when none could be picked. */
  instance?: URL;
  /** The upstream's status, when it answered. */
  status?: number;
  /** The gateway's error code when it failed (GW_UPSTREAM_TIMEOUT, GW_BREAKER_OPEN…), or "client_gone". */
  error?: string;
  /** Taken past an open breaker (crisis bypass). */
  bypass?: boolean;
}

/** How the request ended, for its server span. */
export interface RequestEnd {
  route: CompiledRoute | null;
  /** The status sent; 0 when the connection closed before any. */
  status: number;
  /** The answer was sent whole (or the connection was upgraded). */
  complete: boolean;
  requestId: string;
}

export interface AttemptSpan {
  /** The traceparent of this attempt's upstream request. */
  readonly traceparent: string;
  end(result: AttemptEnd): void;
}

export interface RequestTrace {
  readonly traceId: string;
  /** The traceparent for what the gateway sends upstream on the request's behalf, outside an attempt. */
  readonly traceparent: string;
  /** Spans are recorded and exported; false = attempt() and end() do nothing. */
  readonly recording: boolean;
  /** The span of one upstream attempt (HTTP attempt or WebSocket leg), a child of the request's. */
  attempt(number: number, service: string, method: string): AttemptSpan;
  end(result: RequestEnd): void;
}

/**
 * A request that is not recorded. Its traceparent names `parentId`: the trusted caller's own span
 * when the gateway passes a trace on without recording (it stays out of the trace, as a proxy
 * without a tracer does), or an id of its own for a trace it starts. Every attempt sends the same
 * traceparent: there are no attempt spans to name. It is its own AttemptSpan, so an attempt
 * allocates nothing.
 */
export class LocalTrace implements RequestTrace, AttemptSpan {
  readonly recording = false;
  readonly traceparent: string;

  constructor(
    readonly traceId: string,
    parentId: string,
    sampled: boolean,
  ) {
    this.traceparent = formatTraceparent(traceId, parentId, sampled);
  }

  attempt(): AttemptSpan {
    return this;
  }

  end(): void {}
}
