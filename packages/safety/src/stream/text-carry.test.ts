import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskPii } from "../pii/mask-text.ts";
import { chunks, SECRETS, textWithPii } from "./test-bodies.ts";
import { DRAIN_AT, TextMaskCarry } from "./text-carry.ts";

function stream(parts: readonly string[]): { out: string; peak: number } {
  const carry = new TextMaskCarry();
  let out = "";
  let peak = 0;
  for (const part of parts) {
    out += carry.push(part);
    peak = Math.max(peak, carry.buffered);
  }
  return { out: out + carry.end(), peak };
}

describe("TextMaskCarry", () => {
  const text = textWithPii(120_000);
  const whole = maskPii(text);

  it("masks exactly like the whole text, whatever the chunk sizes", () => {
    for (const sizes of [[1], [7], [100, 3], [4096], [5000, 17, 65536], [DRAIN_AT - 1, 2]]) {
      const { out } = stream(chunks(text, sizes));
      assert.equal(out, whole, `chunk sizes ${sizes}`);
    }
    for (const secret of SECRETS) assert.ok(!whole.includes(secret), secret);
  });
  it("a cut at every position of a PII item still masks it", () => {
    const item = " x call (555) 123-4567 or write sam.lee@example.org, card 4111 1111 1111 1111. ";
    const body = "a".repeat(DRAIN_AT) + item + "b".repeat(DRAIN_AT);
    const expected = maskPii(body);
    for (let cut = DRAIN_AT - 2; cut <= DRAIN_AT + item.length + 2; cut++) {
      assert.equal(stream([body.slice(0, cut), body.slice(cut)]).out, expected, `cut at ${cut}`);
    }
  });
  it("holds a bounded amount, however long the text", () => {
    const { peak } = stream(chunks(textWithPii(2_000_000), [65536]));
    assert.ok(peak < DRAIN_AT + 65536, `peak ${peak}`);
  });
  it("can be reused after end()", () => {
    const carry = new TextMaskCarry();
    assert.equal(carry.push("a@b.co"), "");
    assert.equal(carry.end(), "[EMAIL]");
    assert.equal(carry.buffered, 0);
    carry.push("ok");
    assert.equal(carry.end(), "ok");
  });
});
