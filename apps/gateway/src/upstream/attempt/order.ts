// The per-attempt chain, outermost first (see the gateway README):
//   retry -> pick instance -> circuit breaker -> track (in flight, passive health, metrics) -> send (proxy)
import type { UpstreamObserver } from "../../live/contracts.ts";
import type { Forward } from "../proxy.ts";
import { breakerGate } from "./breaker-gate.ts";
import type { Dispatch, Interceptor } from "./call.ts";
import { pickInstance } from "./pick-instance.ts";
import { retry } from "./retry.ts";
import { send } from "./send.ts";
import { track } from "./track.ts";

export interface AttemptServices {
  forward: Forward;
  observer: UpstreamObserver;
}

export function attemptChain(services: AttemptServices): Dispatch {
  const interceptors: Interceptor[] = [
    retry(), //                       answers with the last failure once attempts, instances or time run out
    pickInstance(services.observer), // 503 GW_NO_INSTANCE · 503 GW_BREAKER_OPEN (with details and Retry-After)
    breakerGate(),
    track(services.observer),
  ];
  return interceptors.reduceRight<Dispatch>((inner, wrap) => wrap(inner), send(services.forward)); // 502 · 504
}
