import assert from "node:assert/strict";
import { test } from "node:test";
import type { TRouteTraffic, TTrafficRollup } from "@tta/domain/browser";
import { nextSort, routeRows, sortRows } from "./route-table.ts";
import { bufferOf } from "./traffic-buffer.ts";

const T0 = 1_800_000_000_000;
const row = (route: string, count: number, extra: Partial<TRouteTraffic> = {}): TRouteTraffic => ({
  route, service: route.split("-")[0]!, count, errors: 0, status2xx: count, status3xx: 0, status4xx: 0, status429: 0, status5xx: 0, p50: 1, p95: 2, p99: 3, ...extra,
});
const rollup = (gatewayId: string, at: number, routes: TRouteTraffic[]): TTrafficRollup => ({ type: "traffic.rollup", gatewayId, at, windowMs: 10_000, routes });

const buffer = bufferOf([
  rollup("gw-a", T0, [row("players-api", 100, { p99: 40 }), row("auth-refresh", 30, { status2xx: 10, status429: 20, p99: 5 })]),
  rollup("gw-b", T0, [row("players-api", 100, { errors: 10, status2xx: 90, status5xx: 10, p99: 90 })]),
  rollup("gw-a", T0 + 10_000, [row("chat-api", 20, { status2xx: 15, status4xx: 5, p50: 9 })]),
]);

test("one row per route over the range: rate over the distinct windows, classes summed, worst p99", () => {
  const rows = routeRows(buffer, "route");
  const players = rows.find((r) => r.key === "players-api")!;
  assert.equal(players.count, 200);
  assert.equal(players.rps, 10, "200 requests in two 10 s windows (the gateways' windows overlap)");
  assert.equal(players.classes["5xx"], 10);
  assert.equal(players.errorRate, 5);
  assert.equal(players.p99, 90);
  assert.equal(rows.find((r) => r.key === "auth-refresh")!.classes["429"], 20);
  assert.deepEqual(routeRows(buffer, "service").map((r) => r.key).sort(), ["auth", "chat", "players"]);
});

test("sorting by any column, either way, ties by name; a click flips the same column", () => {
  const rows = routeRows(buffer, "route");
  assert.deepEqual(sortRows(rows, { by: "rps", descending: true }).map((r) => r.key), ["players-api", "auth-refresh", "chat-api"]);
  assert.deepEqual(sortRows(rows, { by: "429", descending: true }).map((r) => r.key), ["auth-refresh", "chat-api", "players-api"]);
  assert.deepEqual(sortRows(rows, { by: "key", descending: false }).map((r) => r.key), ["auth-refresh", "chat-api", "players-api"]);
  assert.deepEqual(sortRows(rows, { by: "p50", descending: false }).map((r) => r.key), ["auth-refresh", "players-api", "chat-api"]);
  assert.deepEqual(nextSort({ by: "rps", descending: true }, "rps"), { by: "rps", descending: false });
  assert.deepEqual(nextSort({ by: "rps", descending: true }, "key"), { by: "key", descending: false });
  assert.deepEqual(nextSort({ by: "key", descending: false }, "p99"), { by: "p99", descending: true });
});
