import assert from "node:assert/strict";
import type { OutgoingHttpHeaders } from "node:http";
import { test } from "node:test";
import { ZCompressionPolicy, type TCompressionPolicyInput } from "@tta/domain";
import { compileCompression } from "./compiled-policy.ts";
import { compressionVerdict, type RequestSide } from "./verdict.ts";

const policy = (p: TCompressionPolicyInput = {}) => compileCompression(ZCompressionPolicy.parse(p))!;
const BR: RequestSide = { coding: "br", credentialed: false };
const JSON_ANSWER: OutgoingHttpHeaders = { "content-type": "application/json; charset=utf-8", "content-length": "5000" };
const judge = (headers: OutgoingHttpHeaders, options: { status?: number; request?: RequestSide; policy?: TCompressionPolicyInput } = {}) =>
  compressionVerdict(policy(options.policy), options.request ?? BR, options.status ?? 200, { ...JSON_ANSWER, ...headers });

test("a large JSON or text answer is compressed with the negotiated coding, whatever its status", () => {
  assert.deepEqual(judge({}), { compress: "br" });
  assert.deepEqual(judge({}, { request: { coding: "gzip", credentialed: false } }), { compress: "gzip" });
  assert.deepEqual(judge({ "content-type": "text/html" }, { status: 404 }), { compress: "br" });
  assert.deepEqual(judge({ "content-length": undefined }), { compress: "br" }, "an answer of unknown length (streamed) is compressed");
  assert.deepEqual(judge({ "content-encoding": "identity" }), { compress: "br" });
});

test("what the answer is rules compression out, without Vary (no request would have it compressed)", () => {
  const cases: Array<[OutgoingHttpHeaders, number, string]> = [
    [{}, 204, "status"],
    [{}, 101, "status"],
    [{ "content-range": "bytes 0-99/5000" }, 206, "range"],
    [{ "content-range": "bytes */5000" }, 416, "range"],
    [{ "content-encoding": "gzip" }, 200, "encoded"],
    [{ "content-encoding": "BR" }, 200, "encoded"],
    [{ "cache-control": "public, no-transform" }, 200, "no-transform"],
    [{ "content-type": "image/png" }, 200, "type"],
    [{ "content-type": "text/event-stream" }, 200, "type"],
    [{ "content-type": undefined }, 200, "type"],
    [{ "content-length": "1023" }, 200, "small"],
  ];
  for (const [headers, status, reason] of cases) assert.deepEqual(judge(headers, { status }), { skip: reason, vary: false }, `${status} ${JSON.stringify(headers)}`);
  assert.deepEqual(judge({ "content-length": "1024" }), { compress: "br" }, "the minimum itself is compressed");
  assert.deepEqual(judge({ "content-length": "10" }, { policy: { minBytes: 0 } }), { compress: "br" });
});

test("a client that takes identity only gets it, with Vary: the answer could have been compressed", () => {
  assert.deepEqual(judge({}, { request: { coding: null, credentialed: false } }), { skip: "not-accepted", vary: true });
});

test("BREACH: answers that set cookies and answers to credentialed requests are not compressed unless public or the route vouches", () => {
  const credentialed: RequestSide = { coding: "br", credentialed: true };
  assert.deepEqual(judge({ "set-cookie": ["sid=1; HttpOnly"] }), { skip: "set-cookie", vary: true });
  assert.deepEqual(judge({}, { request: credentialed }), { skip: "credentialed", vary: true });
  assert.deepEqual(judge({ "cache-control": "private, max-age=60" }, { request: credentialed }), { skip: "credentialed", vary: true });
  assert.deepEqual(judge({ "cache-control": "no-store" }, { request: credentialed }), { skip: "credentialed", vary: true });
  assert.deepEqual(judge({ "cache-control": "public, max-age=60" }, { request: credentialed }), { compress: "br" }, "the same for everyone: no user's secret in it");
  assert.deepEqual(judge({ "set-cookie": "sid=1", "cache-control": "public" }), { skip: "set-cookie", vary: true }, "public does not excuse handing out a cookie");
  const vouched = { compressCredentialed: true };
  assert.deepEqual(judge({}, { request: credentialed, policy: vouched }), { compress: "br" });
  assert.deepEqual(judge({ "set-cookie": "sid=1" }, { policy: vouched }), { compress: "br" });
});

test("a route's own content types and algorithms decide", () => {
  assert.deepEqual(judge({ "content-type": "text/event-stream" }, { policy: { contentTypes: ["text/*"] } }), { compress: "br" });
  assert.deepEqual(judge({}, { policy: { contentTypes: ["text/html"] } }), { skip: "type", vary: false });
  assert.equal(compileCompression(ZCompressionPolicy.parse({ enabled: false })), null, "a policy turned off compiles to none: the stage is not in the chain");
  assert.equal(compileCompression(null), null);
});
