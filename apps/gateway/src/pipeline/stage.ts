import type { ServerResponse } from "node:http";
import type { Context, RouteContext } from "./context.ts";

export type Next = () => Promise<void>;

/**
 * One step of the request path. A stage either answers (and does not call `next`) or calls
 * `next` exactly once; it may do work after `await next()` returns. A stage with nothing to do
 * after `next` returns its promise without awaiting it (no async frame of its own per request),
 * or ANSWERED once it has answered. Edge stages take a Context, route stages (a route's own
 * chain) a RouteContext.
 */
export type Stage<C extends Context = Context> = (ctx: C, next: Next) => Promise<void>;
export type RouteStage = Stage<RouteContext>;

/** What a stage that is not async returns once it has answered. */
export const ANSWERED: Promise<void> = Promise.resolve();

/**
 * ANSWERED when the answer is already ended; else a promise of its end, for an answer the gateway
 * itself is still streaming (a stored answer going through a compressor): the chain ends with the
 * answer, as it does for an upstream's.
 */
export function whenSent(res: ServerResponse): Promise<void> {
  if (res.writableEnded || res.destroyed) return ANSWERED;
  return new Promise((resolve) => res.once("close", resolve));
}
