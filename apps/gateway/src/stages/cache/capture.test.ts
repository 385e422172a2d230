import assert from "node:assert/strict";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { test } from "node:test";
import { captureBody } from "./capture.ts";

const drain = async (chunks: string[], max: number) => {
  let got: Buffer | null | undefined;
  const out: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (c: Buffer) => out.push(c));
  await pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), captureBody(max, (b) => (got = b)), sink);
  return { got, relayed: Buffer.concat(out).toString() };
};

test("the body is copied whole when it fits, and relayed either way", async () => {
  assert.deepEqual(await drain(["ab", "cd"], 4).then((r) => [r.got?.toString(), r.relayed]), ["abcd", "abcd"]);
  const over = await drain(["ab", "cde"], 4);
  assert.deepEqual([over.got, over.relayed], [null, "abcde"], "too long: not copied, still streamed");
});

test("an answer cut short is not kept", async () => {
  let got: Buffer | null | undefined;
  const capture = captureBody(100, (b) => (got = b));
  capture.on("error", () => {});
  capture.write(Buffer.from("half"));
  const closed = new Promise((r) => capture.once("close", r));
  capture.destroy(new Error("upstream broke off"));
  await closed;
  assert.equal(got, null);
});
