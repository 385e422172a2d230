// Runs stages in order, each wrapping the rest (as in hono's compose). Calling `next` twice is a
// bug in a stage, and is refused rather than running the rest of the chain twice.
import type { Context } from "./context.ts";
import type { Stage } from "./stage.ts";

const done = () => Promise.resolve();

export class PipelineError extends Error {
  override name = "PipelineError";
}

export function compose<C extends Context>(stages: readonly Stage<C>[]): (ctx: C) => Promise<void> {
  const list = [...stages];
  return function run(ctx) {
    if (list.length === 1) return list[0]!(ctx, done); // one stage (a route chain's tail): no dispatch
    let index = -1;
    function dispatch(i: number): Promise<void> {
      if (i <= index) {
        const name = list[i - 1]?.name || `#${i - 1}`;
        return Promise.reject(new PipelineError(`stage "${name}" called next() more than once`));
      }
      index = i;
      const stage = list[i];
      if (!stage) return Promise.resolve();
      try {
        return Promise.resolve(stage(ctx, () => dispatch(i + 1)));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return dispatch(0);
  };
}
