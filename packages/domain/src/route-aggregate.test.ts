import assert from "node:assert/strict";
import { test } from "node:test";
import { compilePartPath, matchPath, parsePattern, diffSnapshots, parseConfigFile, serialiseConfigFile, toFieldErrors, validateSnapshot, ZRoute, ZSnapshot, FILE_ROUTE_ID } from "./index.ts";

const CRISIS = { title: "If you are in danger", lines: [{ name: "988 Suicide & Crisis Lifeline", phone: "988" }] };
const parts = [
  { key: "player", service: "players", path: "/players/:id" },
  { key: "sessions", service: "sessions", path: "/sessions?player=1&limit=5", timeoutMs: 800, required: false },
  { key: "crisisResources", service: "safety", path: "/resources", fallback: CRISIS },
];
const base = { name: "player-overview", path: "/api/overview/:id", service: "players", kind: "aggregate", aggregate: { parts } };
const errors = (input: object) => {
  const r = ZRoute.safeParse({ ...base, ...input });
  return r.success ? [] : toFieldErrors(r.error);
};
const paths = (input: object) => errors(input).map((e) => e.path);
const withPart = (i: number, change: object) => ({ aggregate: { parts: parts.map((p, j) => (j === i ? { ...p, ...change } : p)) } });

test("a route is a proxy route without parts unless it says otherwise", () => {
  const route = ZRoute.parse({ name: "players-api", path: "/api/players/*", service: "players" });
  assert.equal(route.kind, "proxy");
  assert.equal(route.aggregate, null);
});

test("an aggregate route's parts take their defaults: GET, 5 s, required, no fallback", () => {
  const route = ZRoute.parse(base);
  assert.deepEqual(route.aggregate!.parts[0], { key: "player", service: "players", method: "GET", path: "/players/:id", timeoutMs: 5_000, required: true, fallback: null });
  assert.equal(route.aggregate!.parts[1]!.required, false);
  assert.deepEqual(route.aggregate!.parts[2]!.fallback, CRISIS);
});

test("kind and parts go together", () => {
  assert.deepEqual(paths({ aggregate: null }), ["aggregate"]);
  assert.deepEqual(paths({ aggregate: { parts: [] } }), ["aggregate.parts"]);
  assert.deepEqual(paths({ kind: "proxy" }), ["aggregate"]);
  assert.deepEqual(paths({ kind: "fanout" }), ["kind"]);
});

test("an aggregate route answers itself: no WebSocket, no rewrite, no cache", () => {
  assert.deepEqual(paths({ websocket: true }), ["websocket"]);
  assert.deepEqual(paths({ rewrite: "/players/:id" }), ["rewrite"]);
  assert.deepEqual(paths({ cachePolicy: { ttlSeconds: 30 } }), ["cachePolicy"]);
  assert.deepEqual(paths({ cachePolicy: { enabled: false } }), [], "a stored policy that is off may stay");
});

test("part keys are unique JSON keys, and none may be the merged answer's own _aggregate", () => {
  assert.deepEqual(paths(withPart(1, { key: "player" })), ["aggregate.parts.1.key"]);
  assert.match(errors(withPart(1, { key: "player" }))[0]!.message, /another part already has the key "player"/);
  for (const key of ["_aggregate", "1st", "with space", "dash-ed", "", "k".repeat(64)]) assert.deepEqual(paths(withPart(0, { key })), ["aggregate.parts.0.key"], key);
});

test("a part's path may reuse the route path's captures only, and may carry a query", () => {
  assert.deepEqual(paths(withPart(0, { path: "/players/:id/stats?window=7d" })), []);
  const unknown = errors(withPart(0, { path: "/players/:playerId" }));
  assert.deepEqual(unknown.map((e) => e.path), ["aggregate.parts.0.path"]);
  assert.match(unknown[0]!.message, /:playerId which the path does not capture/);
  assert.deepEqual(paths(withPart(0, { path: "/players/*" })), ["aggregate.parts.0.path"], "the route path has no *");
  assert.deepEqual(paths(withPart(0, { path: "/sessions?player=:id&limit=5" })), [], "a :param as a query value");
  assert.match(errors(withPart(0, { path: "/sessions?player=:who" }))[0]!.message, /:who which the path does not capture/);
  assert.deepEqual(paths({ path: "/api/overview/:id/*", ...withPart(0, { path: "/players/:id/*" }) }), []);
  for (const path of ["players/1", "/players/1#top", "/players?q=a b", "/pla yers"]) assert.deepEqual(paths(withPart(0, { path })), ["aggregate.parts.0.path"], path);
});

test("a part's timeout is bounded, and at most the route's", () => {
  assert.deepEqual(paths(withPart(0, { timeoutMs: 49 })), ["aggregate.parts.0.timeoutMs"]);
  assert.deepEqual(paths(withPart(0, { timeoutMs: 1.5 })), ["aggregate.parts.0.timeoutMs"]);
  const over = errors({ timeoutMs: 5_000, ...withPart(0, { timeoutMs: 6_000 }) });
  assert.deepEqual(over, [{ path: "aggregate.parts.0.timeoutMs", message: "must be at most the route's timeout (5000 ms)" }]);
});

test("a fallback is a JSON object or list, bounded, on a required part only", () => {
  assert.deepEqual(paths(withPart(2, { fallback: [CRISIS] })), []);
  assert.deepEqual(paths(withPart(2, { fallback: "call 988" })), ["aggregate.parts.2.fallback"]);
  assert.deepEqual(paths(withPart(2, { fallback: { text: "x".repeat(20_000) } })), ["aggregate.parts.2.fallback"]);
  assert.deepEqual(paths(withPart(1, { fallback: CRISIS })), ["aggregate.parts.1.fallback"]);
});

test("part methods and counts are bounded", () => {
  assert.deepEqual(paths(withPart(0, { method: "POST" })), []);
  assert.deepEqual(paths(withPart(0, { method: "TRACE" })), ["aggregate.parts.0.method"]);
  const many = Array.from({ length: 17 }, (_, i) => ({ key: `p${i}`, service: "players", path: "/x" }));
  assert.deepEqual(paths({ aggregate: { parts: many } }), ["aggregate.parts"]);
});

const snapshotInput = (services: string[]) => ({
  schemaVersion: 1,
  services: services.map((name, i) => ({ name, instances: [{ url: `http://127.0.0.1:${4100 + i}` }] })),
  routes: [{ id: "rt_agg", ...base }],
});

test("a published snapshot refuses a part naming an unknown service, at the part's path", () => {
  assert.ok(validateSnapshot(snapshotInput(["players", "sessions", "safety"])).ok);
  const check = validateSnapshot(snapshotInput(["players", "sessions"]));
  assert.ok(!check.ok);
  assert.deepEqual(check.errors, [{ path: "routes.0.aggregate.parts.2.service", message: 'unknown service "safety"' }]);
});

test("an aggregate route goes through a configuration file and back unchanged", () => {
  const snap = ZSnapshot.parse(snapshotInput(["players", "sessions", "safety"]));
  const text = serialiseConfigFile(snap, "the working copy");
  assert.match(text, /kind: aggregate/);
  const back = parseConfigFile(text);
  assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
  assert.deepEqual(diffSnapshots(snap, back.snapshot), []);
  assert.deepEqual(back.snapshot.routes, snap.routes.map((r) => ({ ...r, id: FILE_ROUTE_ID })));
  // A misspelt part field is refused, not dropped (a typo in a file must not disable a timeout).
  const typo = parseConfigFile(text.replace("timeoutMs: 800", "timeout: 800"));
  assert.ok(!typo.ok);
  assert.match(typo.errors[0]!.path, /^routes\[0\]\.aggregate\.parts\[1\]\.timeout$/);
});

test("a part's path is built from the captures: path segments as they came, query values encoded for a query", () => {
  const parsed = parsePattern("/api/overview/:id/*");
  assert.ok(parsed.ok);
  const m = matchPath(parsed.pattern, "/api/overview/a%26b=c/week/2")!;
  assert.equal(compilePartPath("/players/:id/*")(m), "/players/a%26b=c/week/2");
  assert.equal(compilePartPath("/sessions?player=:id&limit=5&flag")(m), "/sessions?player=a%26b%3Dc&limit=5&flag");
  assert.equal(compilePartPath("/resources?lang=en")(m), "/resources?lang=en");
});
