import { test } from "node:test";
import assert from "node:assert/strict";
import { createSseParser, type SseMessage } from "./sse-parser.ts";

test("messages split across chunks, multi-line data, ids, comments and CRLF", () => {
  const got: SseMessage[] = [];
  const push = createSseParser((m) => got.push(m));
  push("retry: 1000\nda");
  push('ta: {"a":1}\nid: 1\n');
  push("\n: keep-alive\n\n");
  push("data: line one\r\ndata:line two\r\nid: 2\r\n\r\n");
  push("data: no end yet");
  assert.deepEqual(got, [
    { data: '{"a":1}', id: "1" },
    { data: "line one\nline two", id: "2" },
  ]);
  push("\n\n");
  assert.deepEqual(got[2], { data: "no end yet", id: "2" });
});
