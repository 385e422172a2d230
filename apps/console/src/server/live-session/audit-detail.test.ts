import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { followedDetail, messageSentDetail } from "./audit-detail.ts";

describe("the audit detail of a live session step", () => {
  it("keeps a message's session, offset, gateway and length in characters, never its text", () => {
    const text = "Hi Jo, I'm here 💙 call 555-123-4567";
    const detail = messageSentDetail({ sessionId: "wss_1", offset: "1764790000000-0", text, gatewayUrl: "http://127.0.0.1:8081" });
    assert.deepEqual(detail, { sessionId: "wss_1", offset: "1764790000000-0", length: 35, gateway: "http://127.0.0.1:8081" });
    assert.doesNotMatch(JSON.stringify(detail), /Jo|555|here/);
  });

  it("keeps a follow's session and gateway", () => {
    assert.deepEqual(followedDetail({ sessionId: "wss_1", gatewayUrl: "http://gw:8081" }), { sessionId: "wss_1", gateway: "http://gw:8081" });
  });
});
