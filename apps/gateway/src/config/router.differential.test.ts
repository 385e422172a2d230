// The router against the linear scan it replaced: for generated route tables (seeded, so a failure
// replays) and generated requests, both must give the same kind, the same route object, the same
// captures and the same Allow list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { HTTP_METHODS, ZSnapshot, type TRouteInput } from "@tta/domain";
import { linearFindRoute } from "../testing/linear-find-route.ts";
import { compileConfig } from "./compile.ts";
import { requestHost } from "./host-rule.ts";
import type { RouteLookup } from "./router.ts";

/** mulberry32: small, fast, and the same sequence on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rand = ReturnType<typeof prng>;

const LITERALS = ["a", "b", "api", "v1", "players", "42"];
const ROUTE_HOSTS = [null, null, null, "api.tta.dev", "tta.dev", "a.b.tta.dev", "api.tta.dev:8080", "gw.local", "*.tta.dev", "*.b.tta.dev", "*.tta.dev:8080", "*.dev"];
const REQUEST_HOSTS = ["api.tta.dev", ".tta.dev", "API.tta.dev:8080", "tta.dev", "tta.dev:8080", "a.b.tta.dev", "x.a.b.tta.dev:9", "b.tta.dev", "gw.local:8080", "gw.local", "other.dev", "", "[::1]:8080", "a.b.tta.dev.", "dev"];
const REQUEST_METHODS = [...HTTP_METHODS, "TRACE", "TRACK", "PURGE"];
const PRIORITIES = [0, 0, 0, 1, 5, -3];

function routePath(r: Rand): { path: string; rewrite: string | null } {
  const n = r.int(5);
  const segs: string[] = [];
  for (let i = 0; i < n; i++) segs.push(r.next() < 0.35 ? `:p${i}` : r.pick(LITERALS));
  const wild = r.next() < 0.35;
  if (wild) segs.push("*");
  const path = "/" + segs.join("/");
  // A rewrite that reuses every capture, so the captures are compared through it too.
  const rewrite = r.next() < 0.3 ? "/up/" + [...segs.filter((s) => s.startsWith(":")).reverse(), ...(wild ? ["*"] : [])].join("/") : null;
  return { path, rewrite };
}

function routeTable(r: Rand, size: number) {
  const names = new Set<string>();
  const routes: Array<Partial<TRouteInput> & { name: string; path: string }> = [];
  while (routes.length < size) {
    const name = `r-${r.int(size * 4)}`;
    if (names.has(name)) continue;
    names.add(name);
    const methods = r.next() < 0.4 ? [] : HTTP_METHODS.filter(() => r.next() < 0.3);
    routes.push({ name, ...routePath(r), host: r.pick(ROUTE_HOSTS), priority: r.pick(PRIORITIES), methods, enabled: r.next() < 0.95 });
  }
  const snapshot = ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "svc", instances: [{ url: "http://127.0.0.1:1" }] }],
    routes: routes.map((route, i) => ({ id: `rt_${i}`, service: "svc", ...route })),
  });
  return compileConfig(snapshot, { revision: 1, checksum: "x" });
}

function requestPath(r: Rand): string {
  const n = r.int(6);
  const segs: string[] = [];
  for (let i = 0; i < n; i++) segs.push(r.next() < 0.85 ? r.pick(LITERALS) : r.pick(["zz", "", "A", "%41"]));
  const tail = r.next() < 0.15 ? "/" : "";
  // Now and then a path that is not normalised, which both must still read the same way.
  const head = r.next() < 0.03 ? r.pick(["", "x", "//"]) : "/";
  return head + segs.join("/") + tail;
}

function same(actual: RouteLookup, expected: RouteLookup, what: string) {
  assert.equal(actual.kind, expected.kind, what);
  if (actual.kind === "found" && expected.kind === "found") {
    assert.equal(actual.route, expected.route, `${what}: got ${actual.route.name}, want ${expected.route.name}`);
    assert.deepEqual(actual.match, expected.match, what);
    assert.equal(actual.route.rewrite?.(actual.match), expected.route.rewrite?.(expected.match), what);
  } else {
    assert.deepEqual(actual, expected, what);
  }
}

function compare(seed: number, tables: number, size: number, requests: number) {
  const r = prng(seed);
  const kinds = { found: 0, "method-not-allowed": 0, "not-found": 0 };
  for (let t = 0; t < tables; t++) {
    const config = routeTable(r, size);
    for (let q = 0; q < requests; q++) {
      const method = r.pick(REQUEST_METHODS);
      const host = requestHost(r.pick(REQUEST_HOSTS));
      const path = requestPath(r);
      const expected = linearFindRoute(config, method, host, path);
      same(config.router.find(method, host, path), expected, `seed ${seed} table ${t}: ${method} ${host.full}${path}`);
      kinds[expected.kind]++;
    }
  }
  return kinds;
}

test("small dense tables: the trie answers exactly as the linear scan", () => {
  const kinds = compare(1, 400, 12, 150);
  // The generator must reach every kind of answer often, or the comparison proves little.
  for (const [kind, n] of Object.entries(kinds)) assert.ok(n > 2000, JSON.stringify(kinds));
});

test("larger tables with many overlapping patterns: the trie answers exactly as the linear scan", () => {
  const kinds = compare(2, 20, 400, 1500);
  // A root `/*` is almost certain in 400 routes, so nothing is "not found" here.
  assert.ok(kinds.found > 5000 && kinds["method-not-allowed"] > 500, JSON.stringify(kinds));
});

test("an empty table finds nothing", () => {
  const config = routeTable(prng(3), 0);
  assert.deepEqual(config.router.find("GET", requestHost("x"), "/"), { kind: "not-found" });
});
