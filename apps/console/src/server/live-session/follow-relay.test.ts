import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { relayFollow } from "./follow-relay.ts";

const encoder = new TextEncoder();

/** An upstream that sends `chunks`, then ends, fails or stays open; it records its cancel. */
function upstream(chunks: string[], then: "end" | "fail" | "hold") {
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      if (then === "end") controller.close();
      if (then === "fail") controller.error(new Error("socket hang up"));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}

const events = (text: string) =>
  text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const [event, data] = block.split("\n");
      return [event!.slice(7), JSON.parse(data!.slice(6))];
    });

describe("relayFollow", () => {
  it("re-sends each message (split anywhere by the network), drops what is not one, and ends with `end`", async () => {
    const first = JSON.stringify({ direction: "in", at: "2026-12-03T19:00:00Z", text: "I want to end it, jo@example.org", offset: "1-0" });
    const second = JSON.stringify({ direction: "out", at: "2026-12-03T19:00:05Z", text: "I'm here", offset: "2-0" });
    const wire = `: hello\n\ndata: ${first}\n\ndata: {"not":"a message"}\n\nevent: x\ndata: ${second}\r\n\r\n`;
    let closes = 0;
    const { stream } = upstream([wire.slice(0, 17), wire.slice(17, 60), wire.slice(60)], "end");
    const text = await readAll(relayFollow(stream, { onClose: () => closes++ }));
    assert.ok(text.startsWith(": following\n\n"));
    assert.deepEqual(events(text), [
      ["message", { direction: "in", at: "2026-12-03T19:00:00.000Z", text: "I want to end it, [EMAIL]", offset: "1-0" }],
      ["message", { direction: "out", at: "2026-12-03T19:00:05.000Z", text: "I'm here", offset: "2-0" }],
      ["end", {}],
    ]);
    assert.equal(closes, 1);
  });

  it("says so with a `problem` when the gateway's stream breaks", async () => {
    let closes = 0;
    const { stream } = upstream([], "fail");
    const text = await readAll(relayFollow(stream, { onClose: () => closes++ }));
    const [[name, problem]] = events(text) as [[string, { code: string; message: string }]];
    assert.equal(name, "problem");
    assert.equal(problem.code, "stream_lost");
    assert.match(problem.message, /socket hang up/);
    assert.equal(closes, 1);
  });

  it("closes the upstream when the browser goes away (the response is cancelled), once", async () => {
    let closes = 0;
    const { stream, state } = upstream([`data: ${JSON.stringify({ direction: "in", at: 1, text: "hi" })}\n\n`], "hold");
    const relayed = relayFollow(stream, { onClose: () => closes++, pingMs: 5 });
    const reader = relayed.getReader();
    await reader.read(); // ": following"
    const { value } = await reader.read();
    assert.match(new TextDecoder().decode(value), /^event: message/);
    const { value: ping } = await reader.read();
    assert.equal(new TextDecoder().decode(ping), ": ping\n\n");
    await reader.cancel();
    assert.equal(closes, 1);
    assert.equal(state.cancelled, true);
  });
});
