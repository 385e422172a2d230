import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskForLog } from "./mask-for-log.ts";
import { sensitiveKeyKind } from "./sensitive-keys.ts";

describe("maskForLog", () => {
  it("masks PII in every string, deep, and sensitive fields whole; leaves the input alone", () => {
    const input = {
      msg: "user sam@example.org logged in",
      headers: { authorization: "Bearer abc", "x-request-id": "req_1" },
      body: { dateOfBirth: "2009-03-14", password: "hunter2", notes: ["call 555-123-4567"], count: 3, ok: true, none: null },
    };
    const copy = structuredClone(input);
    assert.deepEqual(maskForLog(input), {
      msg: "user [EMAIL] logged in",
      headers: { authorization: "[SECRET]", "x-request-id": "req_1" },
      body: { dateOfBirth: "[DOB]", password: "[SECRET]", notes: ["call [PHONE]"], count: 3, ok: true, none: null },
    });
    assert.deepEqual(input, copy);
  });
  it("masks PII-shaped large numbers", () => {
    assert.deepEqual(maskForLog({ card: 4111111111111111, n: 123456789012 }), { card: "[CARD]", n: 123456789012 });
  });
  it("is bounded: depth, keys, items, string length; cycles do not loop", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    assert.deepEqual(maskForLog(a), { name: "a", self: "[Circular]" });
    let deep: unknown = "x";
    for (let i = 0; i < 20; i++) deep = { d: deep };
    assert.match(JSON.stringify(maskForLog(deep)), /\[Depth\]/);
    const out = maskForLog({ list: Array.from({ length: 500 }, (_, i) => i), text: "y".repeat(10_000) }, { maxItems: 10, maxString: 100 }) as { list: unknown[]; text: string };
    assert.equal(out.list.length, 11);
    assert.equal(out.list[10], "[+490 more]");
    assert.ok(out.text.length < 200);
  });
  it("turns errors into plain masked objects, with cause", () => {
    const error = new Error("no user bob@example.org", { cause: new Error("ssn 123-45-6789 refused") });
    const out = maskForLog(error) as Record<string, any>;
    assert.equal(out.type, "Error");
    assert.equal(out.message, "no user [EMAIL]");
    assert.equal(out.cause.message, "ssn [SSN] refused");
    assert.ok(!JSON.stringify(out).includes("bob@"));
  });
  it("handles dates, buffers, maps, sets and functions", () => {
    assert.deepEqual(maskForLog({ at: new Date(0), buf: Buffer.from("abc"), m: new Map([["email", "a@b.co"]]), s: new Set(["x"]), f: () => 1 }), {
      at: "1970-01-01T00:00:00.000Z",
      buf: "[Binary 3 bytes]",
      m: { email: "[EMAIL]" },
      s: ["x"],
      f: "[Function]",
    });
  });
});

describe("sensitiveKeyKind", () => {
  it("matches field names in any case or separator style", () => {
    assert.equal(sensitiveKeyKind("accessToken"), "secret");
    assert.equal(sensitiveKeyKind("X-API-Key"), "secret");
    assert.equal(sensitiveKeyKind("date_of_birth"), "dob");
    assert.equal(sensitiveKeyKind("SSN"), "ssn");
    assert.equal(sensitiveKeyKind("medicalRecordNumber"), "mrn");
    assert.equal(sensitiveKeyKind("tokens"), null);
    assert.equal(sensitiveKeyKind("tokenCount"), null);
  });
});
