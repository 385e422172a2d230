import { test } from "node:test";
import assert from "node:assert/strict";
import type { Context } from "./context.ts";
import { compose, PipelineError } from "./compose.ts";
import type { Stage } from "./stage.ts";

const ctx = {} as Context;

test("stages run in order and wrap the ones after them", async () => {
  const seen: string[] = [];
  const stage = (name: string): Stage =>
    async function (_ctx, next) {
      seen.push(`${name}:in`);
      await next();
      seen.push(`${name}:out`);
    };
  await compose([stage("a"), stage("b"), stage("c")])(ctx);
  assert.deepEqual(seen, ["a:in", "b:in", "c:in", "c:out", "b:out", "a:out"]);
});

test("a stage that answers without calling next stops the chain", async () => {
  const seen: string[] = [];
  const stop: Stage = async function stop() {
    seen.push("stop");
  };
  const after: Stage = async function after() {
    seen.push("after");
  };
  await compose([stop, after])(ctx);
  assert.deepEqual(seen, ["stop"]);
});

test("a second next() is refused and the later stage runs once", async () => {
  let runs = 0;
  const twice: Stage = async function twice(_ctx, next) {
    await next();
    await next();
  };
  const counted: Stage = async function counted() {
    runs++;
  };
  await assert.rejects(compose([twice, counted])(ctx), (error: unknown) => {
    assert.ok(error instanceof PipelineError);
    assert.match(error.message, /stage "twice" called next\(\) more than once/);
    return true;
  });
  assert.equal(runs, 1);
});

test("an error thrown by a stage reaches the caller, through the stages before it", async () => {
  const seen: string[] = [];
  const outer: Stage = async function outer(_ctx, next) {
    try {
      await next();
    } catch (error) {
      seen.push(`caught ${(error as Error).message}`);
      throw error;
    }
  };
  const boom: Stage = async function boom() {
    throw new Error("boom");
  };
  await assert.rejects(compose([outer, boom])(ctx), /boom/);
  assert.deepEqual(seen, ["caught boom"]);
});
