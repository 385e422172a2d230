import assert from "node:assert/strict";
import { test } from "node:test";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { GatewayError } from "../../pipeline/gateway-error.ts";
import type { AttemptResult } from "../../upstream/attempt/call.ts";
import { partResult } from "./part-result.ts";

const answered = (status: number, body: Buffer | null, headers: Record<string, string> = { "content-type": "application/json" }): AttemptResult => ({
  kind: "answered",
  status,
  headersMs: 1,
  collected: { headers, body },
});
const failed = (code: ConstructorParameters<typeof GatewayError>[0]): AttemptResult => ({ kind: "failed", error: new GatewayError(code) });

test("a 2xx JSON answer is the part's value; a BOM in front is tolerated", () => {
  assert.deepEqual(partResult(answered(200, Buffer.from('{"id":7}')), 1024), { ok: true, value: { id: 7 } });
  assert.deepEqual(partResult(answered(201, Buffer.from("\ufeff[1,2]")), 1024), { ok: true, value: [1, 2] });
});

test("compressed answers are decoded, within the bound", () => {
  const json = JSON.stringify({ text: "x".repeat(2_000) });
  assert.deepEqual(partResult(answered(200, gzipSync(json), { "content-encoding": "gzip" }), 4_096), { ok: true, value: JSON.parse(json) });
  assert.deepEqual(partResult(answered(200, brotliCompressSync(json), { "content-encoding": "br" }), 4_096), { ok: true, value: JSON.parse(json) });
  assert.deepEqual(partResult(answered(200, gzipSync(json), { "content-encoding": "gzip" }), 1_024), { ok: false, reason: "too_large" }, "a small gzip that inflates past the bound");
  assert.deepEqual(partResult(answered(200, Buffer.from(json), { "content-encoding": "compress" }), 4_096), { ok: false, reason: "bad_response" });
});

test("not 2xx, not JSON, empty or over the bound: the part failed, and why", () => {
  assert.deepEqual(partResult(answered(404, Buffer.from('{"error":"no such player"}')), 1024), { ok: false, reason: "status", status: 404 });
  assert.deepEqual(partResult(answered(503, Buffer.from("{}")), 1024), { ok: false, reason: "status", status: 503 });
  assert.deepEqual(partResult(answered(200, Buffer.from("<html>hello</html>"), { "content-type": "text/html" }), 1024), { ok: false, reason: "not_json" });
  assert.deepEqual(partResult(answered(204, Buffer.alloc(0)), 1024), { ok: false, reason: "not_json" });
  assert.deepEqual(partResult(answered(200, null), 1024), { ok: false, reason: "too_large" });
});

test("no answer at all: the failure's kind from its code; a client that went away is nobody's failure", () => {
  assert.deepEqual(partResult(failed("GW_UPSTREAM_TIMEOUT"), 1024), { ok: false, reason: "timeout" });
  assert.deepEqual(partResult(failed("GW_UPSTREAM_UNAVAILABLE"), 1024), { ok: false, reason: "unavailable" });
  assert.deepEqual(partResult(failed("GW_NO_INSTANCE"), 1024), { ok: false, reason: "no_instance" });
  assert.deepEqual(partResult(failed("GW_BREAKER_OPEN"), 1024), { ok: false, reason: "breaker_open" });
  assert.equal(partResult({ kind: "client-gone" }, 1024), null);
});
