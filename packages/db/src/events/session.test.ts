import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectionFacts } from "./session.ts";

describe("detectionFacts", () => {
  it("reads the channel and the gateway of an event.detected row's after", () => {
    assert.deepEqual(detectionFacts({ outcome: "crisis_acknowledged", channel: "websocket", gateway: "gw_a" }), { channel: "websocket", gatewayId: "gw_a" });
  });

  it("is null for rows without them, odd values and no row", () => {
    assert.deepEqual(detectionFacts({ outcome: "crisis_acknowledged" }), { channel: null, gatewayId: null });
    assert.deepEqual(detectionFacts({ channel: 7, gateway: "" }), { channel: null, gatewayId: null });
    assert.deepEqual(detectionFacts(undefined), { channel: null, gatewayId: null });
    assert.deepEqual(detectionFacts("websocket"), { channel: null, gatewayId: null });
  });
});
