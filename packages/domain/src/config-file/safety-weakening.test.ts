import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixtureSnapshot } from "./fixture.test-support.ts";
import { findSafetyWeakenings } from "./safety-weakening.ts";

const DEFAULTS = [{ id: "self_harm" }, { id: "violent_threat" }];

describe("findSafetyWeakenings", () => {
  it("finds nothing when safety stays or grows", () => {
    const after = fixtureSnapshot();
    after.routes[0]!.safetyScan = "monitor";
    assert.deepEqual(findSafetyWeakenings(fixtureSnapshot(), after, DEFAULTS), []);
  });

  it("lists each route whose scanning, masking, PII refusal or blocked categories are taken away", () => {
    const after = fixtureSnapshot();
    Object.assign(after.routes[1]!, { safetyScan: "off", maskResponsePii: false, forbidPii: false, blockedCategories: [] });
    const found = findSafetyWeakenings(fixtureSnapshot(), after, DEFAULTS);
    assert.deepEqual(found.map((w) => `${w.route}:${w.field}`), ["chat-api:safetyScan", "chat-api:maskResponsePii", "chat-api:forbidPii", "chat-api:blockedCategories"]);
    assert.match(found[0]!.message, /turned off/);
    assert.match(found[3]!.message, /violent_threat/);
  });

  it("counts enforce -> monitor as a weakening", () => {
    const after = fixtureSnapshot();
    after.routes[1]!.safetyScan = "monitor";
    assert.deepEqual(findSafetyWeakenings(fixtureSnapshot(), after, DEFAULTS).map((w) => w.after), ["monitor"]);
  });

  it("lists rule categories removed or disabled, with null standing for the defaults", () => {
    const after = fixtureSnapshot();
    after.safetyRules = { categories: [{ id: "self_harm", enabled: false }] };
    const found = findSafetyWeakenings(fixtureSnapshot(), after, DEFAULTS);
    assert.deepEqual(found.map((w) => [w.route, w.field, w.after]), [[null, "categories.self_harm", "disabled"], [null, "categories.violent_threat", "removed"]]);
  });
});
