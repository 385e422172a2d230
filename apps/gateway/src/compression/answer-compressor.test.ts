import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { OutgoingHttpHeaders } from "node:http";
import { test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { ZCompressionPolicy } from "@tta/domain";
import type { RouteContext } from "../pipeline/context.ts";
import { answerCompressor } from "./answer-compressor.ts";
import { compileCompression } from "./compiled-policy.ts";
import { DEFAULT_ENCODER_SETTINGS } from "./encoder.ts";
import type { CompressionMeters } from "./meters.ts";
import type { RequestSide } from "./verdict.ts";

function setup(method = "GET", request: RequestSide = { coding: "br", credentialed: false }) {
  const res = new EventEmitter();
  const ctx = { req: { method }, res, match: { route: { name: "api" } } } as unknown as RouteContext;
  const counted = { compressed: [] as unknown[][], skipped: [] as unknown[][] };
  const meters: CompressionMeters = { compressed: (...a) => void counted.compressed.push(a), skipped: (...a) => void counted.skipped.push(a) };
  const policy = compileCompression(ZCompressionPolicy.parse({}))!;
  return { res, counted, compressor: answerCompressor(ctx, policy, request, { meters, settings: DEFAULT_ENCODER_SETTINGS }) };
}

const body = Buffer.from(JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `player ${i}`, level: i % 7 }))));

async function run(encoder: NodeJS.ReadWriteStream, input: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  encoder.on("data", (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => encoder.once("end", resolve));
  for (const chunk of input) encoder.write(chunk);
  encoder.end();
  await ended;
  return Buffer.concat(out);
}

test("a compressed answer: Content-Encoding, Vary added to the upstream's, no length, ranges or digests, a weak ETag; the body decodes to the same bytes", async () => {
  const { compressor, counted } = setup();
  const headers: OutgoingHttpHeaders = { "content-type": "application/json", "content-length": String(body.length), vary: "Origin", etag: '"v7"', "accept-ranges": "bytes", "content-digest": "sha-256=:x:" };
  const encoder = compressor(200, headers);
  assert.ok(encoder);
  assert.deepEqual(headers, { "content-type": "application/json", vary: "Origin, Accept-Encoding", etag: 'W/"v7"', "content-encoding": "br" });
  const encoded = await run(encoder, [body.subarray(0, 1000), body.subarray(1000)]);
  assert.deepEqual(brotliDecompressSync(encoded), body);
  assert.ok(encoded.length < body.length / 3, `${encoded.length} of ${body.length}`);
  assert.deepEqual(counted.compressed, [["api", "br", body.length, encoded.length]]);
});

test("gzip; a weak ETag and a Vary that already names Accept-Encoding (or *) are left as they are", async () => {
  const { compressor } = setup("GET", { coding: "gzip", credentialed: false });
  const headers: OutgoingHttpHeaders = { "content-type": "text/plain", etag: 'W/"a"', vary: "accept-encoding" };
  const encoder = compressor(200, headers)!;
  assert.deepEqual([headers.etag, headers.vary, headers["content-encoding"]], ['W/"a"', "accept-encoding", "gzip"]);
  assert.deepEqual(gunzipSync(await run(encoder, [body])), body);
  const star: OutgoingHttpHeaders = { "content-type": "text/plain", vary: "*" };
  compressor(200, star)!.destroy();
  assert.equal(star.vary, "*");
});

test("every chunk written comes out at once (a streamed answer is not held back), and decodes in order", async () => {
  const { compressor } = setup("GET", { coding: "gzip", credentialed: false });
  const encoder = compressor(200, { "content-type": "text/event-stream" });
  assert.equal(encoder, null, "not a default type");
  const streaming = setup("GET", { coding: "gzip", credentialed: false }).compressor(200, { "content-type": "application/x-ndjson" })!;
  const out: Buffer[] = [];
  streaming.on("data", (c: Buffer) => out.push(c));
  streaming.write('{"token":"hel"}\n');
  await new Promise((resolve) => streaming.once("data", resolve));
  // Without a per-chunk flush zlib would keep this small chunk until more input or the end.
  assert.equal(gunzipSync(Buffer.concat(out), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString(), '{"token":"hel"}\n');
  streaming.destroy();
});

test("HEAD gets the headers its GET would have and no encoder; a 304 says Vary and has a weak ETag", () => {
  const head = setup("HEAD");
  const headers: OutgoingHttpHeaders = { "content-type": "application/json", "content-length": "5000", etag: '"v1"' };
  assert.equal(head.compressor(200, headers), null);
  assert.deepEqual(headers, { "content-type": "application/json", etag: 'W/"v1"', "content-encoding": "br", vary: "Accept-Encoding" });
  assert.deepEqual(head.counted.compressed, []);

  const notModified: OutgoingHttpHeaders = { etag: '"v1"' };
  assert.equal(setup().compressor(304, notModified), null);
  assert.deepEqual(notModified, { etag: 'W/"v1"', vary: "Accept-Encoding" });
  const identityClient: OutgoingHttpHeaders = { etag: '"v1"' };
  setup("GET", { coding: null, credentialed: false }).compressor(304, identityClient);
  assert.deepEqual(identityClient, { etag: '"v1"', vary: "Accept-Encoding" }, "its 200 would have been identity: the tag stays strong");
});

test("a skipped answer is counted by reason and keeps its headers (plus Vary when it could have varied)", () => {
  const { compressor, counted } = setup("GET", { coding: "br", credentialed: true });
  const small: OutgoingHttpHeaders = { "content-type": "application/json", "content-length": "10" };
  assert.equal(compressor(200, small), null);
  assert.deepEqual(small, { "content-type": "application/json", "content-length": "10" });
  const personal: OutgoingHttpHeaders = { "content-type": "application/json", "content-length": "5000", etag: '"p"' };
  assert.equal(compressor(200, personal), null);
  assert.deepEqual(personal, { "content-type": "application/json", "content-length": "5000", etag: '"p"', vary: "Accept-Encoding" });
  assert.deepEqual(counted.skipped, [["api", "small"], ["api", "credentialed"]]);
});

test("the client going away destroys the encoder (zlib's memory goes at once) and nothing is counted", async () => {
  const { compressor, res, counted } = setup();
  const encoder = compressor(200, { "content-type": "text/html" })!;
  encoder.write(body);
  res.emit("close");
  await new Promise((resolve) => encoder.once("close", resolve));
  assert.equal(encoder.destroyed, true);
  assert.deepEqual(counted.compressed, []);
});
