import assert from "node:assert/strict";
import { test } from "node:test";
import type { TRouteTraffic, TTrafficRollup } from "@tta/domain/browser";
import { bufferOf, emptyTraffic, pushRollup, TRAFFIC_HISTORY_MS, TRAFFIC_MAX_ROLLUPS, trafficSeries } from "./traffic-buffer.ts";

const T0 = 1_800_000_000_000;

function rollup(gatewayId: string, at: number, routes: Array<Partial<TRouteTraffic> & { route: string }>, windowMs = 5_000): TTrafficRollup {
  return {
    type: "traffic.rollup",
    gatewayId,
    at,
    windowMs,
    routes: routes.map((r) => ({ service: r.route.replace(/-api$/, ""), count: 0, errors: 0, p50: 0, p95: 0, p99: 0, ...r })),
  };
}

test("the buffer forgets roll-ups older than the history and never holds more than the cap", () => {
  let buffer = emptyTraffic;
  for (let i = 0; i < 100; i++) buffer = pushRollup(buffer, rollup("gw-a", T0 + i * 5_000, []));
  const span = buffer.rollups.at(-1)!.at - buffer.rollups[0]!.at;
  assert.ok(span < TRAFFIC_HISTORY_MS, `span ${span}`);
  assert.equal(buffer.rollups.length, TRAFFIC_HISTORY_MS / 5_000);

  let many = emptyTraffic;
  for (let i = 0; i < TRAFFIC_MAX_ROLLUPS + 50; i++) many = pushRollup(many, rollup(`gw-${i}`, T0 + i, []));
  assert.equal(many.rollups.length, TRAFFIC_MAX_ROLLUPS);
});

test("the same roll-up delivered twice (a snapshot, then the event) counts once", () => {
  const r = rollup("gw-a", T0, [{ route: "players-api", count: 10 }]);
  const buffer = pushRollup(pushRollup(emptyTraffic, r), r);
  assert.equal(buffer.rollups.length, 1);
});

test("requests/s, error rate and latency per route, with gateways summed in one bucket", () => {
  let buffer = emptyTraffic;
  buffer = pushRollup(buffer, rollup("gw-a", T0, [{ route: "players-api", count: 50, errors: 5, p50: 10, p95: 40, p99: 90 }, { route: "auth-api", count: 10, p50: 2, p95: 3, p99: 4 }]));
  buffer = pushRollup(buffer, rollup("gw-b", T0 + 300, [{ route: "players-api", count: 50, errors: 0, p50: 20, p95: 30, p99: 120 }]));
  const series = trafficSeries(buffer, "route");
  assert.deepEqual(series.keys, ["players-api", "auth-api"], "busiest first");
  assert.equal(series.buckets.length, 1);
  const players = series.buckets[0]!.byKey["players-api"]!;
  assert.equal(players.rps, 20); // 100 requests in a 5 s window
  assert.equal(players.errorRate, 5);
  assert.equal(players.p50, 15);
  assert.equal(players.p95, 40);
  assert.equal(players.p99, 120);
  assert.equal(series.buckets[0]!.total.rps, 22);
});

test("per service, and a window without requests for a key is zero, not a gap", () => {
  let buffer = emptyTraffic;
  buffer = pushRollup(buffer, rollup("gw-a", T0, [{ route: "players-api", count: 5 }]));
  buffer = pushRollup(buffer, rollup("gw-a", T0 + 5_000, []));
  const series = trafficSeries(buffer, "service");
  assert.deepEqual(series.keys, ["players"]);
  assert.equal(series.buckets.length, 2);
  const idle = series.buckets[1]!.byKey["players"]!;
  assert.equal(idle.rps, 0);
  assert.equal(idle.errorRate, null);
  assert.equal(idle.p99, null);
});

test("answers per second by status class, 429 apart; the unmatched row is its own series, not a route named 'none'", () => {
  let buffer = emptyTraffic;
  buffer = pushRollup(buffer, rollup("gw-a", T0, [
    { route: "auth-refresh", service: "auth", count: 20, errors: 0, status2xx: 5, status3xx: 0, status4xx: 5, status429: 10, status5xx: 0 },
    { route: "(unmatched)", service: "(none)", unmatched: true, count: 5, status2xx: 0, status3xx: 0, status4xx: 5, status429: 0, status5xx: 0 },
  ]));
  buffer = pushRollup(buffer, rollup("gw-old", T0 + 100, [{ route: "none", service: "none", count: 5 }]));
  const series = trafficSeries(buffer, "route");
  assert.deepEqual(series.keys, ["auth-refresh", "(unmatched)"], "a gateway's legacy 'none' row is unmatched too");
  const refresh = series.buckets[0]!.byKey["auth-refresh"]!;
  assert.deepEqual(refresh.classes, { "2xx": 1, "3xx": 0, "4xx": 1, "429": 2, "5xx": 0, other: 0 }, "per second over 5 s");
  assert.equal(series.buckets[0]!.byKey["(unmatched)"]!.rps, 2);
  assert.equal(trafficSeries(buffer, "service").keys.includes("(unmatched)"), true, "per service too");
});

test("a legacy row without classes: its errors are 5xx, the rest unclassified", () => {
  const buffer = pushRollup(emptyTraffic, rollup("gw-a", T0, [{ route: "players-api", count: 10, errors: 5 }]));
  assert.deepEqual(trafficSeries(buffer, "route").buckets[0]!.total.classes, { "2xx": 0, "3xx": 0, "4xx": 0, "429": 0, "5xx": 1, other: 1 });
});

test("a range's history becomes a buffer: sorted, and a roll-up read twice counted once", () => {
  const a = rollup("gw-a", T0 + 10_000, [{ route: "players-api", count: 1 }], 10_000);
  const b = rollup("gw-a", T0, [{ route: "players-api", count: 1 }], 10_000);
  assert.deepEqual(bufferOf([a, b, a]).rollups, [b, a]);
});
