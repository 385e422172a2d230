import assert from "node:assert/strict";
import { test } from "node:test";
import type { TRouteTraffic, TTrafficRollup } from "@tta/domain/browser";
import { cacheSeries } from "./cache-series.ts";
import { emptyTraffic, pushRollup } from "./traffic-buffer.ts";

const T0 = 1_800_000_000_000;

function rollup(gatewayId: string, at: number, routes: Array<Partial<TRouteTraffic> & { route: string }>): TTrafficRollup {
  return { type: "traffic.rollup", gatewayId, at, windowMs: 5_000, routes: routes.map((r) => ({ service: "s", count: 0, errors: 0, p50: 0, p95: 0, p99: 0, ...r })) };
}

test("hit ratio and lookups/s per caching route, gateways summed; routes that do not cache are left out", () => {
  let buffer = emptyTraffic;
  buffer = pushRollup(buffer, rollup("gw-a", T0, [{ route: "scores-api", count: 10, cacheLookups: 10, cacheHits: 5 }, { route: "chat-api", count: 40 }]));
  buffer = pushRollup(buffer, rollup("gw-b", T0 + 200, [{ route: "scores-api", count: 10, cacheLookups: 10, cacheHits: 10 }, { route: "players-api", count: 3, cacheLookups: 2, cacheHits: 0 }]));
  buffer = pushRollup(buffer, rollup("gw-a", T0 + 5_000, [{ route: "scores-api", count: 1, cacheLookups: 0, cacheHits: 0 }]));
  const series = cacheSeries(buffer);
  assert.deepEqual(series.routes, ["scores-api", "players-api"]);
  assert.equal(series.buckets.length, 2);
  assert.deepEqual(series.buckets[0]!.byRoute["scores-api"], { hitRatio: 75, lookupsPerSecond: 4 });
  assert.deepEqual(series.buckets[0]!.byRoute["players-api"], { hitRatio: 0, lookupsPerSecond: 0.4 });
  assert.deepEqual(series.buckets[1]!.byRoute["scores-api"], { hitRatio: null, lookupsPerSecond: 0 }); // no lookups: a gap, not 0 %
  assert.deepEqual(series.buckets[1]!.byRoute["players-api"], { hitRatio: null, lookupsPerSecond: 0 });
});

test("no caching route: nothing to draw", () => {
  const buffer = pushRollup(emptyTraffic, rollup("gw-a", T0, [{ route: "chat-api", count: 40 }]));
  assert.deepEqual(cacheSeries(buffer), { routes: [], buckets: [] });
});
