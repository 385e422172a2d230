import { test } from "node:test";
import assert from "node:assert/strict";
import type { TRouteTraffic, TTrafficRollup } from "@tta/domain";
import { RAW_MAX, TrafficHistory } from "./traffic-history.ts";

const T0 = 1_800_000_000_000; // a multiple of 30 s
const row = (route: string, count: number, extra: Partial<TRouteTraffic> = {}): TRouteTraffic => ({
  route,
  service: "players",
  count,
  errors: 0,
  status2xx: count,
  status3xx: 0,
  status4xx: 0,
  status429: 0,
  status5xx: 0,
  p50: 10,
  p95: 20,
  p99: 30,
  ...extra,
});
const rollup = (at: number, routes: TRouteTraffic[], windowMs = 2_000): TTrafficRollup => ({ type: "traffic.rollup", gatewayId: "gw-a", at, windowMs, routes });

function fed(minutes: number, everyMs = 2_000) {
  let now = T0;
  const history = new TrafficHistory(() => now);
  for (let at = T0 + everyMs; at <= T0 + minutes * 60_000; at += everyMs) {
    now = at;
    history.add(rollup(at, [row("players-api", 4, { status2xx: 3, status429: 1 })], everyMs));
  }
  return history;
}

test("the live range is the last 5 minutes of roll-ups as published", () => {
  const history = fed(10);
  const live = history.read("gw-a", "5m");
  assert.equal(live.length, 150);
  assert.equal(live.at(-1)!.at, T0 + 10 * 60_000);
  assert.ok(live[0]!.at > T0 + 5 * 60_000);
  assert.equal(live[0]!.windowMs, 2_000);
});

test("15 min and 1 h are merged into 10 s and 30 s buckets: counts and classes add up", () => {
  const history = fed(70);
  const quarter = history.read("gw-a", "15m");
  assert.equal(quarter.length, 90);
  assert.ok(quarter.every((r) => r.windowMs === 10_000 && r.at % 10_000 === 0));
  const r = quarter.at(-1)!.routes[0]!;
  assert.equal(r.count, 20, "five 2 s roll-ups of 4 requests");
  assert.equal(r.status2xx, 15);
  assert.equal(r.status429, 5);
  const hour = history.read("gw-a", "1h");
  assert.equal(hour.length, 120);
  assert.equal(hour.at(-1)!.routes[0]!.count, 60);
  assert.equal(hour.at(-1)!.at, T0 + 70 * 60_000, "the bucket that just closed is included");
  assert.ok(hour[0]!.at > T0 + 10 * 60_000, "older buckets are forgotten");
});

test("a bucket still filling is not shown; p50 is request-weighted, p95 and p99 the highest", () => {
  let now = T0;
  const history = new TrafficHistory(() => now);
  history.add(rollup(T0 + 2_000, [row("a", 1, { p50: 10, p95: 10, p99: 10 })]));
  history.add(rollup(T0 + 4_000, [row("a", 3, { p50: 30, p95: 50, p99: 90 }), row("b", 1)]));
  now = T0 + 5_000;
  assert.deepEqual(history.read("gw-a", "15m"), []);
  now = T0 + 10_000;
  const [bucket] = history.read("gw-a", "15m");
  const a = bucket!.routes.find((r) => r.route === "a")!;
  assert.deepEqual([a.count, a.p50, a.p95, a.p99], [4, 25, 50, 90]);
  assert.equal(bucket!.routes.length, 2);
});

test("unmatched rows stay apart from a route of the same name, and optional fields stay optional", () => {
  let now = T0;
  const history = new TrafficHistory(() => now);
  const legacy: TRouteTraffic = { route: "x", service: "s", count: 2, errors: 0, p50: 1, p95: 1, p99: 1 };
  history.add(rollup(T0 + 2_000, [row("(unmatched)", 2, { unmatched: true }), row("(unmatched)", 1), legacy]));
  now = T0 + 10_000;
  const routes = history.read("gw-a", "15m")[0]!.routes;
  assert.equal(routes.length, 3);
  assert.equal(routes.filter((r) => r.unmatched).length, 1);
  assert.equal(routes.find((r) => r.route === "x")!.status2xx, undefined);
});

test("the raw tier is capped, whatever the roll-up interval", () => {
  const history = fed(5, 200);
  assert.equal(history.read("gw-a", "5m").length, RAW_MAX);
});

test("reads are copies: merging further roll-ups does not change what was read", () => {
  let now = T0;
  const history = new TrafficHistory(() => now);
  history.add(rollup(T0 + 2_000, [row("a", 1)]));
  now = T0 + 10_000;
  const first = history.read("gw-a", "15m");
  history.add(rollup(T0 + 10_000, [row("a", 5)])); // a late window ending on the boundary
  assert.equal(first[0]!.routes[0]!.count, 1);
  assert.equal(history.read("gw-a", "15m")[0]!.routes[0]!.count, 6);
});
