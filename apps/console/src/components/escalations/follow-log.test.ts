import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TFollowedMessage } from "@tta/domain/browser";
import { appendFollowed, readFollowEvent } from "./follow-log.ts";

const msg = (offset: string | undefined, direction: "in" | "out" = "in"): TFollowedMessage => ({ direction, at: "2026-12-03T19:00:00.000Z", text: `m${offset}`, ...(offset ? { offset } : {}) });

describe("readFollowEvent", () => {
  it("reads messages, problems and the end; ignores what it does not know", () => {
    assert.deepEqual(readFollowEvent("message", JSON.stringify(msg("1-0"))), { kind: "message", message: msg("1-0") });
    assert.deepEqual(readFollowEvent("problem", JSON.stringify({ code: "session_gone", message: "gone" })), { kind: "problem", problem: { code: "session_gone", message: "gone" } });
    assert.deepEqual(readFollowEvent("end", "{}"), { kind: "end" });
    assert.deepEqual(readFollowEvent("message", JSON.stringify({ direction: "up" })), { kind: "ignore" });
    assert.deepEqual(readFollowEvent("message", "not json"), { kind: "ignore" });
    assert.deepEqual(readFollowEvent("other", "{}"), { kind: "ignore" });
  });

  it("still stops on a problem it cannot read", () => {
    assert.equal(readFollowEvent("problem", JSON.stringify({ code: "new_code" })).kind, "problem");
  });
});

describe("appendFollowed", () => {
  it("keeps the order they came in, each offset once per direction", () => {
    let log: TFollowedMessage[] = [];
    for (const m of [msg("1-0"), msg("2-0", "out"), msg("1-0"), msg(undefined), msg(undefined), msg("2-0", "in")]) log = appendFollowed(log, m);
    assert.deepEqual(log.map((m) => [m.offset, m.direction]), [["1-0", "in"], ["2-0", "out"], [undefined, "in"], [undefined, "in"], ["2-0", "in"]]);
  });

  it("keeps the newest `max` only", () => {
    let log: TFollowedMessage[] = [];
    for (let i = 0; i < 7; i++) log = appendFollowed(log, msg(`${i}-0`), 3);
    assert.deepEqual(log.map((m) => m.offset), ["4-0", "5-0", "6-0"]);
  });
});
