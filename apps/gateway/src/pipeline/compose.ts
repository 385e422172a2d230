// Runs stages in order, each wrapping the rest (as in hono's compose). Calling `next` twice is a
// bug in a stage, and is refused rather than running the rest of the chain twice.
import type { Context } from "./context.ts";
import type { Stage } from "./stage.ts";

export class PipelineError extends Error {
  override name = "PipelineError";
}

export function compose(stages: readonly Stage[]): (ctx: Context) => Promise<void> {
  const list = [...stages];
  return function run(ctx) {
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
