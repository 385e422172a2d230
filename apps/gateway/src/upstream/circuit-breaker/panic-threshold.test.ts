import { test } from "node:test";
import assert from "node:assert/strict";
import { panicHold, type CapacityView } from "./panic-threshold.ts";

const up = (): CapacityView => ({ inRotation: true, breakerOpen: false });

test("the only instance of a service is never opened by 5xx answers", () => {
  const only = up();
  assert.equal(panicHold(only, [only], 50), "opening it would leave 0 of 1 in-rotation instance(s) taking traffic (panic threshold 50%)");
});

test("opening is allowed while at least the threshold of in-rotation instances keep taking traffic", () => {
  const [a, b] = [up(), up()];
  assert.equal(panicHold(a, [a, b], 50), null, "1 of 2 left: 50%");
  const open = { inRotation: true, breakerOpen: true };
  assert.match(panicHold(b, [open, b], 50)!, /0 of 2/);
  const four = [up(), up(), up(), { inRotation: true, breakerOpen: true }];
  assert.equal(panicHold(four[0]!, four, 50), null, "2 of 4 left");
  const three = [up(), up(), { inRotation: true, breakerOpen: true }];
  assert.match(panicHold(three[0]!, three, 50)!, /1 of 3/, "1 of 3 < 50%");
});

test("instances out of rotation are no capacity; threshold 0 turns it off; an out-of-rotation candidate may open", () => {
  const a = up();
  const out = { inRotation: false, breakerOpen: false };
  assert.match(panicHold(a, [a, out, out], 50)!, /0 of 1/);
  assert.equal(panicHold(a, [a], 0), null);
  assert.equal(panicHold(out, [a, out], 50), null);
});
