// The per-attempt chain, outermost first (see the gateway README):
//   retry -> trace (the attempt's span) -> pick instance -> circuit breaker -> track (in flight, passive health, metrics) -> send (proxy)
// Each step takes the attempt value of the one before and hands the next a richer one.
import type { UpstreamObserver } from "../../live/contracts.ts";
import type { Forward } from "../proxy.ts";
import { breakerGate } from "./breaker-gate.ts";
import type { Dispatch, UpstreamCall } from "./call.ts";
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

/** Runs a call's attempts: the upstream stage's one entry into the chain. */
export type CallDispatch = (ctx: RouteContext, call: UpstreamCall) => Promise<AttemptResult>;

export function attemptChain(services: AttemptServices): CallDispatch {
  const chain: Dispatch = retry()( //              answers with the last failure once attempts, instances or time run out
    traceAttempt()( //                              a client span per attempt when the request is recorded
      pickInstance(services.observer)( //           503 GW_NO_INSTANCE · 503 GW_BREAKER_OPEN (with details and Retry-After)
        breakerGate()(
          track(services.observer)(
            send(services.forward), //              502 · 504
          ),
        ),
      ),
    ),
  );
  return (ctx, call) => chain(ctx, { call, number: 1, tried: NONE });
}

const NONE: readonly never[] = Object.freeze([]);
