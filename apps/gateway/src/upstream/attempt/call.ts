// One request's way upstream (UpstreamCall, the same for all its attempts) and the values the
// per-attempt chain hands along (undici-interceptor style: each step wraps the ones after it and
// gives the next one a new, richer attempt value; nothing is written into a shared bag).
import type { OutgoingHttpHeaders } from "node:http";
import type { CompiledRoute } from "../../config/compiled.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import type { AttemptSpan } from "../../tracing/request-trace.ts";
import type { AttemptOutcome } from "../exchange.ts";
import type { Permit } from "../circuit-breaker/circuit-breaker.ts";
import type { Priority } from "../load-balance/balancer.ts";
import type { ServicePool } from "../pool/service-pool.ts";
import type { UpstreamInstance } from "../pool/upstream-instance.ts";

export interface UpstreamCall {
  readonly route: CompiledRoute;
  readonly pool: ServicePool;
  /** Path and query for the instance. */
  readonly path: string;
  readonly priority: Priority;
  /** Epoch ms by which the upstream's response headers must have arrived, all attempts included. */
  readonly deadlineAt: number;
  readonly maxAttempts: number;
  /** The request body read ahead for replay; null = stream the client's request (or there is none). */
  readonly body: Buffer | null;
  /** The gateway's own request, whose answer is read whole (an aggregation part); absent = the client's request is relayed. */
  readonly collect?: CollectRequest;
}

export interface CollectRequest {
  readonly method: string;
  readonly headers: OutgoingHttpHeaders;
  /** Longer answers are not read to their end (the outcome's body is null). */
  readonly maxBodyBytes: number;
}

/** What retry hands on: which attempt this is, and the instances the earlier ones used. */
export interface Attempt {
  readonly call: UpstreamCall;
  /** 1-based. */
  readonly number: number;
  readonly tried: readonly UpstreamInstance[];
}

/** What the trace step hands on: the attempt's span (its traceparent goes upstream). */
export interface TracedAttempt extends Attempt {
  readonly span: AttemptSpan;
}

/** What the pick hands on: the instance, and whether it is taken past an open breaker (crisis bypass). */
export interface PickedAttempt extends TracedAttempt {
  readonly instance: UpstreamInstance;
  readonly bypass: boolean;
}

/** What the breaker hands on: the pass it gave. */
export interface AdmittedAttempt extends PickedAttempt {
  readonly permit: Permit;
}

/** An attempt's outcome, with the attempt that had an instance (absent when none could be picked). */
export type AttemptResult = AttemptOutcome & { readonly attempt?: PickedAttempt };

export type Dispatch<A extends Attempt = Attempt> = (ctx: RouteContext, attempt: A) => Promise<AttemptResult>;
export type Interceptor<In extends Attempt, Out extends Attempt> = (next: Dispatch<Out>) => Dispatch<In>;
