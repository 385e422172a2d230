import { test } from "node:test";
import assert from "node:assert/strict";
import type { CompiledService } from "../../config/compiled.ts";
import { pickRoundRobin } from "./round-robin.ts";

const service = (n: number): CompiledService => ({
  name: "svc",
  instances: Array.from({ length: n }, (_, i) => ({ url: `http://127.0.0.1:${4000 + i}`, target: new URL(`http://127.0.0.1:${4000 + i}`) })),
  cursor: { next: 0 },
});

test("instances are taken in turn, per service", () => {
  const a = service(3);
  const b = service(2);
  const picks = [a, a, b, a, a, b, b].map((s) => pickRoundRobin(s).url.slice(-4));
  assert.deepEqual(picks, ["4000", "4001", "4000", "4002", "4000", "4001", "4000"]);
});

test("a single instance is always picked", () => {
  const s = service(1);
  for (let i = 0; i < 3; i++) assert.equal(pickRoundRobin(s).url, "http://127.0.0.1:4000");
});
