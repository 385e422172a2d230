import { test } from "node:test";
import assert from "node:assert/strict";
import type { CompiledRoute } from "../../config/compiled.ts";
import { percentile } from "./percentile.ts";
import { SAMPLE_LIMIT, TrafficWindow, UNMATCHED_ROUTE, UNMATCHED_SERVICE } from "./traffic-window.ts";

const classes = (c: Partial<Record<"status2xx" | "status3xx" | "status4xx" | "status429" | "status5xx", number>>) => ({
  status2xx: 0,
  status3xx: 0,
  status4xx: 0,
  status429: 0,
  status5xx: 0,
  ...c,
});

const route = (name: string, service = "players") => ({ name, service: { name: service } }) as unknown as CompiledRoute;

test("nearest-rank percentiles", () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(hundred, 50), 50);
  assert.equal(percentile(hundred, 95), 95);
  assert.equal(percentile(hundred, 99), 99);
  assert.equal(percentile(hundred, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([1, 2], 50), 1);
  assert.equal(percentile([], 50), 0);
});

test("a window reports count, errors and p50/p95/p99 per route, in any arrival order", () => {
  const w = new TrafficWindow();
  const players = route("players-api");
  const order = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1); // 1..100 shuffled
  for (const ms of order) w.record(players, ms > 90 ? 502 : 200, ms > 90, ms);
  w.record(route("chat-api", "chat"), 504, true, 3000);
  const out = w.flush();
  assert.deepEqual(
    out.find((r) => r.route === "players-api"),
    { route: "players-api", service: "players", count: 100, errors: 10, ...classes({ status2xx: 90, status5xx: 10 }), p50: 50, p95: 95, p99: 99 },
  );
  assert.deepEqual(out.find((r) => r.route === "chat-api"), { route: "chat-api", service: "chat", count: 1, errors: 1, ...classes({ status5xx: 1 }), p50: 3000, p95: 3000, p99: 3000 });
});

test("unmatched requests are one row flagged unmatched; a flush starts a new, empty window", () => {
  const w = new TrafficWindow();
  for (let i = 0; i < 5; i++) w.record(null, 404, false, 0.25);
  assert.deepEqual(w.flush(), [
    { route: UNMATCHED_ROUTE, service: UNMATCHED_SERVICE, count: 5, errors: 0, ...classes({ status4xx: 5 }), unmatched: true, p50: 0.25, p95: 0.25, p99: 0.25 },
  ]);
  assert.deepEqual(w.flush(), []);
  w.record(null, 503, true, 1);
  assert.equal(w.flush()[0]!.errors, 1);
});

test("the same route name in a new revision (a new compiled object) adds to the same row", () => {
  const w = new TrafficWindow();
  w.record(route("players-api"), 200, false, 1);
  w.record(route("players-api"), 200, false, 3);
  const out = w.flush();
  assert.equal(out.length, 1);
  assert.equal(out[0]!.count, 2);
});

test("under heavy load the samples stay bounded and the percentiles representative", () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const w = new TrafficWindow(random);
  const r = route("busy");
  const n = SAMPLE_LIMIT * 5;
  for (let i = 0; i < n; i++) w.record(r, 200, false, (i % 1000) + 1); // uniform 1..1000
  const [row] = w.flush();
  assert.equal(row!.count, n);
  assert.ok(Math.abs(row!.p50 - 500) < 25, `p50 ${row!.p50}`);
  assert.ok(Math.abs(row!.p95 - 950) < 15, `p95 ${row!.p95}`);
  assert.ok(Math.abs(row!.p99 - 990) < 8, `p99 ${row!.p99}`);
});

test("a route idle for 30 windows is forgotten, and comes back when it has traffic again", () => {
  const w = new TrafficWindow();
  const r = route("old");
  w.record(r, 200, false, 1);
  w.flush();
  for (let i = 0; i < 30; i++) assert.deepEqual(w.flush(), []);
  w.record(r, 200, false, 2);
  assert.deepEqual(w.flush(), [{ route: "old", service: "players", count: 1, errors: 0, ...classes({ status2xx: 1 }), p50: 2, p95: 2, p99: 2 }]);
});

test("answers are counted by status class, 429 apart from the other 4xx; no answer and 1xx in none", () => {
  const w = new TrafficWindow();
  const r = route("players-api");
  for (const status of [200, 201, 204, 299, 301, 304, 400, 404, 499, 429, 429, 500, 503, 599, 0, 101]) w.record(r, status, status >= 500, 1);
  const [row] = w.flush();
  assert.equal(row!.count, 16);
  assert.deepEqual(
    { status2xx: row!.status2xx, status3xx: row!.status3xx, status4xx: row!.status4xx, status429: row!.status429, status5xx: row!.status5xx },
    { status2xx: 4, status3xx: 2, status4xx: 3, status429: 2, status5xx: 3 },
  );
  w.record(r, 429, false, 1);
  assert.equal(w.flush()[0]!.status429, 1, "the classes start again with each window");
});

test("a route that happens to be called like the unmatched placeholder is not mistaken for it", () => {
  const w = new TrafficWindow();
  w.record(route("none", "none"), 200, false, 1);
  w.record(null, 404, false, 1);
  const out = w.flush();
  assert.equal(out.length, 2);
  assert.equal(out.find((r) => r.route === "none")!.unmatched, undefined);
});
