// The per-attempt chain, outermost first (see the gateway README):
//   retry -> trace (the attempt's span) -> pick instance -> circuit breaker -> track (in flight, passive health, metrics) -> send (proxy)
// Each step takes the attempt value of the one before and hands the next a richer one. The
// gateway's own calls (an aggregation route's parts) go through the same steps, with collect
// (the answer read whole) in place of the proxy.
import type { UpstreamObserver } from "../../live/contracts.ts";
import type { Agents } from "../agents.ts";
import type { Forward } from "../proxy.ts";
import { breakerGate } from "./breaker-gate.ts";
import type { AdmittedAttempt, Dispatch, UpstreamCall } from "./call.ts";
import { collect } from "./collect.ts";
import { pickInstance } from "./pick-instance.ts";
import { retry } from "./retry.ts";
import { send } from "./send.ts";
import { track } from "./track.ts";
import { traceAttempt } from "./trace-attempt.ts";
import type { RouteContext } from "../../pipeline/context.ts";
import type { AttemptResult } from "./call.ts";

export interface AttemptServices {
  forward: Forward;
  observer: UpstreamObserver;
}

/** Runs a call's attempts: the upstream stage's (and the aggregate stage's) one entry into the chain. */
export type CallDispatch = (ctx: RouteContext, call: UpstreamCall) => Promise<AttemptResult>;

function chainTo(last: Dispatch<AdmittedAttempt>, observer: UpstreamObserver): CallDispatch {
  const chain: Dispatch = retry()( //              answers with the last failure once attempts, instances or time run out
    traceAttempt()( //                              a client span per attempt when the request is recorded
      pickInstance(observer)( //                    503 GW_NO_INSTANCE · 503 GW_BREAKER_OPEN (with details and Retry-After)
        breakerGate()(
          track(observer)(
            last, //                                502 · 504
          ),
        ),
      ),
    ),
  );
  return (ctx, call) => chain(ctx, { call, number: 1, tried: NONE });
}

/** The proxy's chain: the client's request relayed, the answer streamed to it. */
export function attemptChain(services: AttemptServices): CallDispatch {
  return chainTo(send(services.forward), services.observer);
}

/** The chain of calls with a request of their own (UpstreamCall.collect): the answer read whole. */
export function collectChain(services: { agents: Pick<Agents, "http" | "forTarget">; observer: UpstreamObserver }): CallDispatch {
  return chainTo(collect(services.agents), services.observer);
}

const NONE: readonly never[] = Object.freeze([]);
