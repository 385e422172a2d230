// The stage on its own; the same cases over raw sockets, where node's parser answers most of them
// first, are in integration/input-limits.int.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { fakeContext } from "../../testing/fake-context.ts";
import { requestFraming } from "./request-framing.ts";

async function run(rawHeaders: string[], httpVersion = "1.1") {
  const fake = fakeContext();
  Object.assign(fake.ctx.req as IncomingMessage, { rawHeaders, httpVersion });
  let passed = false;
  await requestFraming()(fake.ctx, async () => {
    passed = true;
  });
  return { passed, status: fake.answer.status, code: passed ? null : fake.json().error.code };
}

test("plain framing passes", async () => {
  assert.equal((await run(["Host", "x"])).passed, true);
  assert.equal((await run(["Content-Length", "12"])).passed, true);
  assert.equal((await run(["Transfer-Encoding", "Chunked"])).passed, true);
});

test("ambiguous framing is a 400 GW_BAD_FRAMING", async () => {
  for (const [raw, version] of [
    [["Content-Length", "4", "Transfer-Encoding", "chunked"]],
    [["Content-Length", "4", "content-length", "4"]],
    [["Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"]],
    [["Transfer-Encoding", "gzip, chunked"]],
    [["Transfer-Encoding", "identity"]],
    [["Content-Length", "+4"]],
    [["Content-Length", "4, 4"]],
    [["Transfer-Encoding", "chunked"], "1.0"],
  ] as Array<[string[], string?]>) {
    const r = await run(raw, version);
    assert.equal(r.passed, false, raw.join(" "));
    assert.equal(r.status, 400);
    assert.equal(r.code, "GW_BAD_FRAMING");
  }
});
