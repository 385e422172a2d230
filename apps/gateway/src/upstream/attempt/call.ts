// One request's way upstream, shared by its attempts, and the shape of the per-attempt chain
// (undici-interceptor style: each step wraps the ones after it).
import type { CompiledRoute } from "../../config/compiled.ts";
import type { Context } from "../../pipeline/context.ts";
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
  /** 1-based number of the attempt in progress. */
  attempt: number;
  /** Instances of the earlier attempts: each attempt goes to another one. */
  readonly tried: UpstreamInstance[];
  instance: UpstreamInstance | null;
  /** This attempt passes an open breaker (crisis bypass). */
  bypass: boolean;
  permit: Permit | null;
}

export type Dispatch = (ctx: Context, call: UpstreamCall) => Promise<AttemptOutcome>;
export type Interceptor = (next: Dispatch) => Dispatch;
