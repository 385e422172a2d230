import assert from "node:assert/strict";
import { test } from "node:test";
import type { TTrafficRollup } from "@tta/domain/browser";
import { emptyTraffic, pushRollup } from "../operations/traffic-buffer.ts";
import { trafficSummary, type RouteTrafficWithClasses } from "./traffic-summary.ts";

const NOW = 1_000_000;

function route(over: Partial<RouteTrafficWithClasses> = {}): RouteTrafficWithClasses {
  return { route: "players-api", service: "players", count: 10, errors: 0, p50: 5, p95: 9, p99: 12, ...over };
}

function rollup(gatewayId: string, at: number, routes: RouteTrafficWithClasses[]): TTrafficRollup {
  return { type: "traffic.rollup", gatewayId, at, windowMs: 2_000, routes };
}

const buffer = (...rollups: TTrafficRollup[]) => rollups.reduce(pushRollup, emptyTraffic);

test("no roll-up in the span: nothing is known, not zero", () => {
  const s = trafficSummary(buffer(rollup("gw1", NOW - 60_000, [route()])), NOW);
  assert.equal(s.rollups, 0);
  assert.equal(s.rps, null);
  assert.equal(s.failedRate, null);
  assert.equal(s.p99, null);
});

test("idle windows read 0 requests per second", () => {
  const s = trafficSummary(buffer(rollup("gw1", NOW - 2_000, []), rollup("gw1", NOW, [])), NOW);
  assert.equal(s.rps, 0);
  assert.equal(s.failedRate, null);
});

test("two gateways' overlapping windows add their requests but not their seconds", () => {
  const s = trafficSummary(
    buffer(
      rollup("gw1", NOW - 2_000, [route({ count: 10 })]),
      rollup("gw2", NOW - 2_000, [route({ count: 10 })]),
      rollup("gw1", NOW, [route({ count: 20, errors: 4, p99: 40 })]),
      rollup("gw2", NOW, [route({ count: 0, p99: 0 })]),
    ),
    NOW,
  );
  assert.equal(s.requests, 40);
  assert.equal(s.rps, 10); // 40 requests over two 2 s windows
  assert.equal(s.failed, 4);
  assert.equal(s.failedRate, 10);
  assert.equal(s.p99, 40);
});

test("a route without requests does not pull p99 down to its zero", () => {
  const s = trafficSummary(buffer(rollup("gw1", NOW, [route({ p99: 30 }), route({ route: "idle", count: 0, p99: 0 })])), NOW);
  assert.equal(s.p99, 30);
});

test("without per-class counts only the failed share is known", () => {
  const s = trafficSummary(buffer(rollup("gw1", NOW, [route({ count: 8, errors: 2 })])), NOW);
  assert.equal(s.classes, null);
  assert.equal(s.failedRate, 25);
});

test("per-class counts, where gateways send them, are summed and shown as shares of all requests", () => {
  const s = trafficSummary(
    buffer(
      rollup("gw1", NOW - 2_000, [route({ count: 10, errors: 1, status2xx: 6, status4xx: 2, status429: 1, status5xx: 1 })]),
      rollup("gw1", NOW, [route({ count: 10, errors: 1, status2xx: 9, status5xx: 1 })]),
    ),
    NOW,
  );
  assert.deepEqual(
    s.classes?.map((c) => [c.name, c.count, c.rate]),
    [
      ["2xx", 15, 75],
      ["4xx", 2, 10],
      ["429", 1, 5],
      ["5xx", 2, 10],
    ],
  );
});
