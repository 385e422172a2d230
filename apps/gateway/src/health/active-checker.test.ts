import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startActiveChecks } from "./active-checker.ts";
import { InstanceHealth } from "./instance-health.ts";

test("probes each instance on the service's path every interval, and stops", async () => {
  let status = 200;
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    res.writeHead(status).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const target = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const plain = new http.Agent({ keepAlive: true });
  const agents = { forTarget: () => plain };
  const health = new InstanceHealth(() => {});
  const check = { enabled: true, intervalMs: 100, timeoutMs: 200, healthyThreshold: 1, unhealthyThreshold: 2 };
  const checks = startActiveChecks({ plan: () => ({ path: "/healthz", check }), targets: () => [{ target, health }] }, agents);
  try {
    await new Promise((r) => setTimeout(r, 250));
    assert.ok(seen.length >= 2 && seen.length <= 4, `${seen.length} checks in 250 ms`);
    assert.ok(seen.every((u) => u === "/healthz"));
    assert.equal(health.lastCheckOk, true);
    status = 503;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(health.inRotation, false);
    assert.equal(health.lastCheckError, "HTTP 503");
  } finally {
    checks.stop();
  }
  const count = seen.length;
  await new Promise((r) => setTimeout(r, 250));
  assert.ok(seen.length <= count + 1, "no rounds after stop");
  plain.destroy();
  server.close();
});
