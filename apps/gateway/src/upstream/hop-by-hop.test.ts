import { test } from "node:test";
import assert from "node:assert/strict";
import { endToEndHeaders, hopByHopNames } from "./hop-by-hop.ts";

test("the fixed hop-by-hop names and those listed in Connection are found, case-insensitively", () => {
  const names = hopByHopNames({
    connection: "keep-alive, X-Secret-Hop",
    "keep-alive": "timeout=5",
    te: "trailers",
    "x-secret-hop": "1",
    "proxy-authorization": "Basic abc",
    "transfer-encoding": "chunked",
    "x-kept": "yes",
  });
  assert.deepEqual(names.sort(), ["connection", "keep-alive", "proxy-authorization", "te", "x-secret-hop"]);
});

test("response headers lose hop-by-hop and transfer-encoding, keep the rest including set-cookie lists", () => {
  const out = endToEndHeaders({
    connection: "keep-alive",
    "keep-alive": "timeout=65",
    "transfer-encoding": "chunked",
    upgrade: "h2c",
    "content-type": "application/json",
    "set-cookie": ["a=1", "b=2"],
  });
  assert.deepEqual(out, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"] });
});
