import { test } from "node:test";
import assert from "node:assert/strict";
import { captureLogger } from "../testing/capture-logger.ts";
import { CloseStack } from "./close-stack.ts";

test("resources close newest first, once; a failing close is logged and the rest still close", async () => {
  const { logger, lines } = captureLogger("warn");
  const stack = new CloseStack(logger);
  const closed: string[] = [];
  stack.push("db", () => closed.push("db"));
  stack.push("redis", async () => {
    closed.push("redis");
    throw new Error("already gone");
  });
  stack.push("server", async () => void closed.push("server"));
  await stack.closeAll();
  await stack.closeAll();
  assert.deepEqual(closed, ["server", "redis", "db"]);
  assert.equal(lines.filter((l) => l.resource === "redis").length, 1);
});
