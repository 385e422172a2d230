import type { Context } from "./context.ts";

export type Next = () => Promise<void>;

/**
 * One step of the request path. A stage either answers (and does not call `next`) or calls
 * `next` exactly once; it may do work after `await next()` returns.
 */
export type Stage = (ctx: Context, next: Next) => Promise<void>;
