import { test } from "node:test";
import assert from "node:assert/strict";
import { snapshotChecksum } from "@tta/domain";
import { verifyRevision } from "./verify-revision.ts";

const snapshot = {
  schemaVersion: 1,
  services: [{ name: "svc", instances: [{ url: "http://127.0.0.1:4000", weight: 1 }] }],
  rateLimitPolicies: [],
  routes: [{ id: "rt_1", name: "svc-api", path: "/api/*", service: "svc" }],
};

test("a valid snapshot with its own checksum is taken", () => {
  const verdict = verifyRevision({ number: 1, snapshot, checksum: snapshotChecksum(snapshot) });
  assert.equal(verdict.ok, true);
});

test("a snapshot altered after publishing is refused, even when the new content is valid", () => {
  const checksum = snapshotChecksum(snapshot);
  const altered = { ...snapshot, routes: [{ ...snapshot.routes[0], path: "/admin/*" }] };
  const verdict = verifyRevision({ number: 2, snapshot: altered, checksum });
  assert.equal(verdict.ok, false);
  if (!verdict.ok) assert.match(verdict.reason, /checksum mismatch/);
});

test("an invalid snapshot is refused with the field that is wrong", () => {
  const bad = { ...snapshot, routes: [{ ...snapshot.routes[0], service: "ghost" }] };
  const verdict = verifyRevision({ number: 3, snapshot: bad, checksum: snapshotChecksum(bad) });
  assert.equal(verdict.ok, false);
  if (!verdict.ok) assert.match(verdict.reason, /^invalid snapshot: routes\.0\.service: unknown service "ghost"/);
});
