// Runs stages in order, each wrapping the rest (as in hono's compose). Calling `next` twice is a
// bug in a stage, and is refused rather than running the rest of the chain twice.
//
// Hot path: a request's walk through the stages is one small object (ChainRun) whose method hands
// out `next`, not a dispatch function made per request (tsx's keepNames would also name each one
// with Object.defineProperty, per request).
import type { Context } from "./context.ts";
import type { Stage } from "./stage.ts";

const done = () => Promise.resolve();

export class PipelineError extends Error {
  override name = "PipelineError";
}

class ChainRun<C extends Context> {
  private index = -1;

  constructor(
    private readonly list: readonly Stage<C>[],
    private readonly ctx: C,
  ) {}

  dispatch(i: number): Promise<void> {
    if (i <= this.index) {
      const name = this.list[i - 1]?.name || `#${i - 1}`;
      return Promise.reject(new PipelineError(`stage "${name}" called next() more than once`));
    }
    this.index = i;
    const stage = this.list[i];
    if (!stage) return Promise.resolve();
    try {
      return Promise.resolve(stage(this.ctx, () => this.dispatch(i + 1)));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

export function compose<C extends Context>(stages: readonly Stage<C>[]): (ctx: C) => Promise<void> {
  const list = [...stages];
  return function run(ctx) {
    if (list.length === 1) return list[0]!(ctx, done); // one stage (a route chain's tail): no dispatch
    return new ChainRun(list, ctx).dispatch(0);
  };
}
