import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PII_LABELS } from "../pii/detectors.ts";
import { maskPii } from "../pii/mask-text.ts";
import { sensitiveKeyKind } from "../pii/sensitive-keys.ts";
import { JsonMasker } from "./json-masker.ts";
import { chunks, SECRETS, textWithPii } from "./test-bodies.ts";

/** What the streaming masker must produce, computed on the parsed value. */
function reference(value: unknown, key: string | null = null): unknown {
  const kind = key === null ? null : sensitiveKeyKind(key);
  if (typeof value === "string") return kind ? PII_LABELS[kind] : maskPii(value);
  if (typeof value === "number") return kind ? PII_LABELS[kind] : maskPii(String(value)) === String(value) ? value : maskPii(String(value));
  if (Array.isArray(value)) return value.map((v) => reference(v, key));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskPii(k), reference(v, k)]));
  return value;
}

function run(parts: readonly string[]): string {
  const masker = new JsonMasker();
  return parts.map((p) => masker.write(p)).join("") + masker.end();
}

const body = {
  player: { name: "Kim", email: "kim@example.org", dateOfBirth: "2009-03-14", password: "hunter2", phone: 5551234567 },
  messages: [{ text: "call me at (555) 123-4567\nor mail \"sam@example.org\"" }, { text: "card 4111 1111 1111 1111 \u00e9\u{1F600}" }],
  cookie: ["a=1", "b=2"],
  card: 4111111111111111,
  "jo@example.org": true,
  count: 3,
  ok: null,
  nested: [[["ssn 123-45-6789"]]],
};

describe("JsonMasker", () => {
  it("masks string values and keys, sensitive fields whole, PII numbers as strings; output is valid JSON", () => {
    const input = JSON.stringify(body, null, 2);
    const out = run([input]);
    assert.deepEqual(JSON.parse(out), reference(body));
    assert.match(out, /"count": 3/, "untouched parts keep their formatting");
  });
  it("gives the same result with the body cut at every position", () => {
    const input = JSON.stringify(body);
    const expected = run([input]);
    for (let cut = 0; cut <= input.length; cut++) assert.equal(run([input.slice(0, cut), input.slice(cut)]), expected, `cut at ${cut}`);
    assert.equal(run(chunks(input, [1])), expected);
  });
  it("decodes escapes before masking, so \\u0040 does not hide an email", () => {
    const out = run(['{"note": "write to kim\\u0040example.org"}']);
    assert.deepEqual(JSON.parse(out), { note: "write to [EMAIL]" });
  });
  it("streams a huge string value without holding it", () => {
    const masker = new JsonMasker();
    const text = textWithPii(3_000_000);
    let out = masker.write('{"log": "');
    let peak = 0;
    let emittedBeforeEnd = 0;
    for (const part of chunks(JSON.stringify(text).slice(1, -1), [65536])) {
      out += masker.write(part);
      peak = Math.max(peak, masker.buffered);
      emittedBeforeEnd = out.length;
    }
    out += masker.write('"}') + masker.end();
    assert.ok(peak < 120_000, `peak ${peak}`);
    assert.ok(emittedBeforeEnd > 2_000_000, "output flows before the value ends");
    const parsed = JSON.parse(out) as { log: string };
    assert.equal(parsed.log, maskPii(text));
    for (const secret of SECRETS) assert.ok(!parsed.log.includes(secret), secret);
  });
  it("masks invalid JSON as well as it can", () => {
    assert.equal(run(["not json: mail kim@example.org }]"]), 'not json: mail "[EMAIL]" }]', "a bare token becomes a JSON string");
    assert.equal(run(['{"a": "kim@example.org']), '{"a": "[EMAIL]');
  });
  it("keeps track of keys when containers nest very deep", () => {
    const deep = "[".repeat(600) + '{"password": "x"}' + "]".repeat(600);
    const out = run([deep]);
    assert.ok(out.includes('"password": "x"') || out.includes('"password": "[SECRET]"'));
    assert.equal(run(['{"a": [[{"password": "x"}]]}']), '{"a": [[{"password": "[SECRET]"}]]}');
  });
});
