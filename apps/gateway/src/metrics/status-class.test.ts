import { test } from "node:test";
import assert from "node:assert/strict";
import { STATUS_CLASSES, statusClassIndex } from "./status-class.ts";

test("status codes map to seven bounded classes", () => {
  const cls = (status: number) => STATUS_CLASSES[statusClassIndex(status)];
  assert.deepEqual([0, 101, 200, 204, 304, 404, 451, 500, 504, 599, 600, 999, 42].map(cls), ["none", "1xx", "2xx", "2xx", "3xx", "4xx", "4xx", "5xx", "5xx", "5xx", "other", "other", "other"]);
});
