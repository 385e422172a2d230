import { test } from "node:test";
import assert from "node:assert/strict";
import { snapshotChecksum, ZSnapshot } from "@tta/domain";
import { captureLogger } from "../testing/capture-logger.ts";
import { createConfigStore } from "./config-store.ts";
import type { RevisionSource } from "./revision-source.ts";
import type { RevisionRow } from "./verify-revision.ts";

function good(number: number): RevisionRow {
  const snapshot = ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "svc", instances: [{ url: "http://127.0.0.1:4000" }] }],
    routes: [{ id: "rt_1", name: `route-${number}`, path: "/api/*", service: "svc" }],
  });
  return { number, snapshot, checksum: snapshotChecksum(snapshot) };
}

function corrupted(number: number): RevisionRow {
  return { ...good(number), checksum: "0".repeat(64) };
}

function fakeSource(rows: RevisionRow[]): RevisionSource & { down: boolean; queries: number } {
  return {
    down: false,
    queries: 0,
    async newerThan(number, skip, limit) {
      this.queries++;
      if (this.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return rows
        .filter((r) => r.number > number && !skip.includes(r.number))
        .sort((a, b) => b.number - a.number)
        .slice(0, limit);
    },
    async close() {},
  };
}

test("at start the newest valid revision is taken, walking back over refused ones", async () => {
  const { logger, messages } = captureLogger();
  const store = createConfigStore(fakeSource([good(1), good(2), corrupted(3), corrupted(4)]), logger);
  await store.check();
  assert.equal(store.current()?.revision, 2);
  assert.equal(store.current()?.routes[0]?.name, "route-2");
  assert.equal(store.lastRejected()?.number, 4);
  assert.match(store.lastRejected()!.reason, /checksum mismatch/);
  assert.equal(messages("config revision refused; keeping the current one").length, 2);
});

test("with no valid revision there is no table, and the check does not throw", async () => {
  const store = createConfigStore(fakeSource([corrupted(1)]), captureLogger().logger);
  await store.check();
  assert.equal(store.current(), null);
  assert.equal(store.lastRejected()?.number, 1);
});

test("a refused revision is logged once however often the gateway checks", async () => {
  const rows = [good(1)];
  const { logger, messages } = captureLogger();
  const store = createConfigStore(fakeSource(rows), logger);
  await store.check();
  rows.push(corrupted(2));
  for (let i = 0; i < 5; i++) await store.check();
  assert.equal(store.current()?.revision, 1);
  assert.equal(messages("config revision refused; keeping the current one").length, 1);
  rows.push(good(3));
  await store.check();
  assert.equal(store.current()?.revision, 3);
});

test("an unreachable database keeps the current table and is logged once per outage", async () => {
  const source = fakeSource([good(1)]);
  const { logger, messages } = captureLogger();
  const store = createConfigStore(source, logger);
  await store.check();
  const table = store.current();
  source.down = true;
  await store.check();
  await store.check();
  assert.equal(store.current(), table);
  assert.equal(store.databaseReachable(), false);
  assert.equal(messages("config database unreachable; serving the last loaded revision").length, 1);
  source.down = false;
  await store.check();
  assert.equal(store.databaseReachable(), true);
  assert.equal(messages("config database reachable again").length, 1);
});

test("checks requested while one runs are merged into one more run", async () => {
  const source = fakeSource([good(1)]);
  const store = createConfigStore(source, captureLogger().logger);
  await Promise.all([store.check(), store.check(), store.check(), store.check()]);
  assert.equal(source.queries, 2);
});
