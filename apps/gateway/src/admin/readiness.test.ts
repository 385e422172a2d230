import { test } from "node:test";
import assert from "node:assert/strict";
import type { CompiledConfig } from "../config/compiled.ts";
import { compileRouter } from "../config/router.ts";
import { readiness, type ReadinessSource } from "./readiness.ts";

const loaded: CompiledConfig = { revision: 4, checksum: "abc", loadedAt: new Date("2026-01-01T00:00:00Z"), routes: [], router: compileRouter([]), services: new Map(), safetyRules: null };

function source(over: { current?: CompiledConfig | null; draining?: boolean } = {}): ReadinessSource {
  return {
    instanceId: "gw-1",
    store: {
      current: () => (over.current === undefined ? loaded : over.current),
      lastRejected: () => ({ number: 5, reason: "checksum mismatch", at: "2026-01-01T00:00:01.000Z" }),
      databaseReachable: () => true,
    },
    listenerConnected: () => false,
    draining: () => over.draining ?? false,
  };
}

test("ready with a loaded revision, and the body says which one and what was refused", () => {
  const { httpStatus, body } = readiness(source());
  assert.equal(httpStatus, 200);
  assert.deepEqual(body, {
    status: "ready",
    instanceId: "gw-1",
    revision: 4,
    checksum: "abc",
    loadedAt: "2026-01-01T00:00:00.000Z",
    lastRejected: { number: 5, reason: "checksum mismatch", at: "2026-01-01T00:00:01.000Z" },
    listenerConnected: false,
    databaseReachable: true,
  });
});

test("503 without a revision, and 503 while draining", () => {
  assert.equal(readiness(source({ current: null })).httpStatus, 503);
  assert.equal(readiness(source({ current: null })).body.status, "not_ready");
  assert.equal(readiness(source({ draining: true })).httpStatus, 503);
  assert.equal(readiness(source({ draining: true })).body.status, "draining");
});
