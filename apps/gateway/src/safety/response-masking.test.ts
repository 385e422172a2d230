import { test } from "node:test";
import assert from "node:assert/strict";
import type { OutgoingHttpHeaders } from "node:http";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { gzipSync } from "node:zlib";
import { maskModeOf, piiMaskingTransform } from "./response-masking.ts";

async function through(headers: OutgoingHttpHeaders, body: Buffer | string, status = 200, method = "GET") {
  const transforms = piiMaskingTransform(method)(status, headers);
  if (!transforms) return null;
  let out = "";
  const sink = new Writable({ write: (chunk: Buffer, _encoding, callback) => ((out += chunk.toString()), callback()) });
  await pipeline([Readable.from([Buffer.from(body)]), ...transforms, sink]);
  return out;
}

test("JSON, text and unlabelled bodies are masked; binary types pass", () => {
  assert.equal(maskModeOf("application/json; charset=utf-8"), "json");
  assert.equal(maskModeOf("application/problem+json"), "json");
  assert.equal(maskModeOf("text/html"), "text");
  assert.equal(maskModeOf(""), "auto");
  assert.equal(maskModeOf("image/png"), null);
  assert.equal(maskModeOf("application/octet-stream"), null);
});

test("a masked body drops the headers that described the original bytes", async () => {
  const headers: OutgoingHttpHeaders = { "content-type": "application/json", "content-length": "40", etag: '"abc"', "x-kept": "yes" };
  assert.equal(await through(headers, JSON.stringify({ email: "a@b.org", note: "call (555) 123-4567" })), '{"email":"[EMAIL]","note":"call [PHONE]"}');
  assert.deepEqual(headers, { "content-type": "application/json", "x-kept": "yes" });
});

test("a gzip body is decoded, then masked; an encoding it cannot decode is refused", async () => {
  const headers: OutgoingHttpHeaders = { "content-type": "text/plain", "content-encoding": "gzip" };
  assert.equal(await through(headers, gzipSync("ssn 123-45-6789")), "ssn [SSN]");
  assert.equal(headers["content-encoding"], undefined);
  assert.throws(() => piiMaskingTransform("GET")(200, { "content-type": "text/plain", "content-encoding": "compress" }), { code: "GW_UPSTREAM_BAD_RESPONSE" });
});

test("answers without a body are left alone", async () => {
  assert.equal(await through({ "content-type": "application/json" }, "", 204), null);
  assert.equal(await through({ "content-type": "application/json" }, "", 200, "HEAD"), null);
  assert.equal(await through({ "content-type": "image/png" }, "jo@example.org"), null);
});
