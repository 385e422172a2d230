import { test } from "node:test";
import assert from "node:assert/strict";
import type { Balanceable, Priority } from "./balancer.ts";
import { createBalancer } from "./create-balancer.ts";

interface Fake extends Balanceable {
  name: string;
  active: number;
  health: { score: number };
}
const inst = (name: string, over: Partial<Omit<Fake, "name">> = {}): Fake => ({ name, weight: 1, active: 0, health: { score: 100 }, wrrCurrent: 0, ...over });
const all = () => true;

// A small seeded generator, so that distributions are the same on every run.
function seeded(seed = 42): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function share(kind: Parameters<typeof createBalancer>[0], list: Fake[], n: number, priority: Priority = "standard"): Record<string, number> {
  const balancer = createBalancer(kind, seeded());
  const counts: Record<string, number> = Object.fromEntries(list.map((i) => [i.name, 0]));
  for (let k = 0; k < n; k++) counts[balancer.pick(list, all, priority)!.name]!++;
  for (const key of Object.keys(counts)) counts[key] = counts[key]! / n;
  return counts;
}

test("round robin takes turns and skips what is not acceptable", () => {
  const list = [inst("a"), inst("b"), inst("c")];
  const rr = createBalancer("round_robin");
  assert.deepEqual([1, 2, 3, 4].map(() => rr.pick(list, all, "standard")!.name), ["a", "b", "c", "a"]);
  const notB = (i: Fake) => i.name !== "b";
  assert.deepEqual([1, 2, 3].map(() => rr.pick(list, notB, "standard")!.name), ["c", "a", "c"]);
  assert.equal(rr.pick(list, () => false, "standard"), null);
  assert.equal(rr.pick([], all, "standard"), null);
});

test("smooth weighted round robin: 5/1/1 interleaves like nginx, and shares follow weights", () => {
  const list = [inst("a", { weight: 5 }), inst("b"), inst("c")];
  const wrr = createBalancer("weighted_round_robin");
  assert.deepEqual(Array.from({ length: 7 }, () => wrr.pick(list, all, "standard")!.name).join(""), "aabacaa");
  const shares = share("weighted_round_robin", [inst("x", { weight: 3 }), inst("y", { weight: 1 })], 4_000);
  assert.deepEqual(shares, { x: 0.75, y: 0.25 });
});

test("least connections prefers the least loaded per weight, and spreads ties", () => {
  const list = [inst("a", { active: 4 }), inst("b", { active: 1 }), inst("c", { active: 3, weight: 4 })];
  const lc = createBalancer("least_connections");
  assert.equal(lc.pick(list, all, "standard")!.name, "c"); // 3/4 < 1/1 < 4/1
  const idle = [inst("a"), inst("b"), inst("c")];
  const seen = new Set(Array.from({ length: 3 }, () => lc.pick(idle, all, "standard")!.name));
  assert.equal(seen.size, 3);
});

test("health based: shares follow score squared", () => {
  const shares = share("health_based", [inst("full"), inst("half", { health: { score: 50 } })], 20_000);
  // 1 : 0.25 -> 80% / 20%
  assert.ok(Math.abs(shares.full! - 0.8) < 0.02, JSON.stringify(shares));
  const zero = share("health_based", [inst("up"), inst("zero", { health: { score: 0 } })], 1_000);
  assert.equal(zero.zero, 0);
});

test("therapeutic priority: crisis leans harder than therapeutic, therapeutic harder than standard, toward healthy and idle", () => {
  const list = () => [inst("best"), inst("worse", { health: { score: 60 }, active: 2 })];
  const n = 20_000;
  const standard = share("therapeutic_priority", list(), n, "standard").best!;
  const therapeutic = share("therapeutic_priority", list(), n, "therapeutic").best!;
  const crisis = share("therapeutic_priority", list(), n, "crisis").best!;
  // expected: worse weighs 0.6^(2f) x (1/3)^f -> standard 0.12, therapeutic 0.042, crisis 0.0144
  assert.ok(Math.abs(standard - 1 / 1.12) < 0.02, `standard ${standard}`);
  assert.ok(Math.abs(therapeutic - 1 / 1.0416) < 0.01, `therapeutic ${therapeutic}`);
  assert.ok(Math.abs(crisis - 1 / 1.0144) < 0.01, `crisis ${crisis}`);
  assert.ok(standard < therapeutic && therapeutic < crisis);
});

test("every strategy returns null when nothing is acceptable and never picks a refused instance", () => {
  for (const kind of ["round_robin", "weighted_round_robin", "least_connections", "health_based", "therapeutic_priority"] as const) {
    const b = createBalancer(kind, seeded());
    const list = [inst("a"), inst("b"), inst("c")];
    assert.equal(b.pick(list, () => false, "crisis"), null, kind);
    for (let k = 0; k < 50; k++) assert.equal(b.pick(list, (i) => i.name === "b", "therapeutic")!.name, "b", kind);
  }
});
