import { test } from "node:test";
import assert from "node:assert/strict";
import { captureGatewayLogger, captureLogger } from "../testing/capture-logger.ts";
import { createOutageLog } from "./outage-log.ts";

test("an outage is logged once when it starts and once when it ends, with how many operations failed", () => {
  const log = captureLogger("info");
  let now = 1_000;
  const outage = createOutageLog(log.logger, "Redis (live events)", () => now);
  outage.recovered(); // nothing to report yet
  for (let i = 0; i < 50; i++) outage.failed(new Error("ECONNREFUSED"), i % 2 ? "publish" : "heartbeat");
  assert.equal(outage.down, true);
  now = 4_500;
  outage.recovered();
  outage.recovered();
  assert.equal(outage.down, false);
  assert.deepEqual(
    log.lines.map((l) => [l.msg, l.failures ?? null, l.downMs ?? null]),
    [
      ["Redis (live events) is unavailable; carrying on without it (logged once until it is back)", null, null],
      ["Redis (live events) is back", 50, 3_500],
    ],
  );
});

test("a connection failure is logged as one line with its code, no stack; an unexpected error keeps its stack", () => {
  const log = captureGatewayLogger("info");
  const redis = createOutageLog(log.logger, "Redis (live events)");
  redis.failed(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" }), "publish");
  const events = createOutageLog(log.logger, "Postgres (therapeutic events)");
  events.failed(new TypeError("cannot read properties of undefined"), "write");
  assert.deepEqual(log.lines[0]!.err, { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:6379" });
  assert.match(String((log.lines[1]!.err as { stack?: string }).stack), /TypeError: cannot read properties/);
});
