import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFollowedMessage, sseEvent } from "./follow-events.ts";

describe("parseFollowedMessage", () => {
  it("takes a gateway follow event as it is, time normalised to ISO", () => {
    assert.deepEqual(parseFollowedMessage(JSON.stringify({ direction: "in", at: "2026-12-03T19:00:00.000Z", text: "hello", offset: "1764790000000-0" })), {
      direction: "in",
      at: "2026-12-03T19:00:00.000Z",
      text: "hello",
      offset: "1764790000000-0",
    });
    assert.deepEqual(parseFollowedMessage(JSON.stringify({ direction: "out", at: Date.UTC(2026, 11, 3, 19), text: "hi" })), { direction: "out", at: "2026-12-03T19:00:00.000Z", text: "hi" });
    assert.equal(parseFollowedMessage(JSON.stringify({ direction: "in", at: "now", text: "x" })), null, "a time that does not parse drops the message");
    assert.equal(parseFollowedMessage(JSON.stringify({ direction: "in", at: 0, text: "x", offset: 17 }))?.offset, "17");
  });

  it("masks the text once more, whatever the gateway did", () => {
    const message = parseFollowedMessage(JSON.stringify({ direction: "in", at: "2026-12-03T19:00:00Z", text: "write to jo@example.org" }));
    assert.equal(message?.text, "write to [EMAIL]");
  });

  it("is null for what is not a message: not JSON, another shape, another direction, no text", () => {
    for (const data of ["", "nope", "null", "42", '"text"', "{}", JSON.stringify({ direction: "sideways", at: 1, text: "x" }), JSON.stringify({ direction: "in", at: 1 }), JSON.stringify({ direction: "in", at: 1, text: 5 })]) {
      assert.equal(parseFollowedMessage(data), null, data);
    }
  });
});

describe("sseEvent", () => {
  it("writes one event with one data line, newlines in the text escaped by JSON", () => {
    const text = new TextDecoder().decode(sseEvent("message", { text: "two\nlines" }));
    assert.equal(text, 'event: message\ndata: {"text":"two\\nlines"}\n\n');
  });
});
