import assert from "node:assert/strict";
import { test } from "node:test";
import { landingPath } from "./landing-path.ts";

test("admins and operators land on the overview, whatever else they are", () => {
  assert.equal(landingPath(["admin"]), "/overview");
  assert.equal(landingPath(["operator"]), "/overview");
  assert.equal(landingPath(["clinician", "operator"]), "/overview");
});

test("a clinician who is neither lands on the escalation queue", () => {
  assert.equal(landingPath(["clinician"]), "/escalations");
});

test("a user without a role lands on the routes, which everyone may read", () => {
  assert.equal(landingPath([]), "/routes");
});
