import { test } from "node:test";
import assert from "node:assert/strict";
import { endToEndHeaders, stripRequestHopByHop } from "./hop-by-hop.ts";

test("an answer loses the fixed hop-by-hop headers and those its Connection header names, case-insensitively", () => {
  const out = endToEndHeaders({
    connection: "keep-alive, X-Secret-Hop",
    "keep-alive": "timeout=5",
    te: "trailers",
    "x-secret-hop": "1",
    "proxy-authorization": "Basic abc",
    "transfer-encoding": "chunked",
    "x-kept": "yes",
  });
  assert.deepEqual(out, { "x-kept": "yes" });
});

test("a request loses its hop-by-hop headers; Connection cannot nominate the headers the gateway reads or sets", () => {
  const headers = {
    connection: "close, X-Hop, authorization, x-tta-user-id, X-TTA-Escalation, host, content-length, x-forwarded-for, cookie",
    "x-hop": "1",
    "keep-alive": "timeout=5",
    te: "trailers",
    upgrade: "h2c",
    authorization: "Bearer t",
    host: "gw",
    "content-length": "2",
    cookie: "a=1",
    "x-forwarded-for": "1.2.3.4",
    "x-kept": "yes",
  };
  stripRequestHopByHop(headers);
  assert.deepEqual(headers, { authorization: "Bearer t", host: "gw", "content-length": "2", cookie: "a=1", "x-forwarded-for": "1.2.3.4", "x-kept": "yes" });
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
