// Standalone mode end to end: the console's admin-API LiveSource against real gateways (local
// transport, real loopback sockets, a seeded database): events within a second of publishing, the
// state, breaker commands with and without the token, and reconnecting to a restarted gateway.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TLiveEvent } from "@tta/domain";
import { createLogger, startGateway, type Gateway } from "@tta/gateway";
import { setupConsoleTest, type ConsoleTestEnv } from "../api/test-support.ts";
import { createAdminApiLiveSource } from "./admin-api-source.ts";
import type { LiveEnvelope, LiveLog, LiveSource } from "./live-source.ts";

const TOKEN = "console-live-test-token-0123456789";

function quietLog(): LiveLog & { lines: string[] } {
  const lines: string[] = [];
  const add = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  return { lines, info: add, warn: add, error: add };
}

async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("admin-API live source (standalone)", () => {
  let env: ConsoleTestEnv;
  let gateway: Gateway;
  let source: LiveSource;
  const publishedAt = new Map<string, number>();
  const received: Array<LiveEnvelope & { receivedAt: number }> = [];
  const eventKey = (e: TLiveEvent) => `${e.type}|${e.gatewayId}|${e.at}`;
  const log = quietLog();

  const start = (instanceId: string, adminPort = 0) =>
    startGateway({
      databaseUrl: env.tdb.url, port: 0, adminPort, instanceId, adminToken: TOKEN, rollupIntervalMs: 250,
      logger: createLogger({ level: "silent", instanceId }),
      live: { publish: (e) => void publishedAt.set(eventKey(e), Date.now()) },
    });

  before(async () => {
    env = await setupConsoleTest("console_live_local");
    gateway = await start("gw-local-1");
    source = createAdminApiLiveSource({ urls: [gateway.adminUrl], token: TOKEN, log, backoff: { baseMs: 50, capMs: 200 } });
    source.subscribe((e) => void received.push({ ...e, receivedAt: Date.now() }));
  });

  after(async () => {
    await source?.close();
    await gateway?.close();
    await env?.tdb.drop();
  });

  it("receives each event from the gateway's /live/events within a second of its publishing", async () => {
    const beats = await until("three heartbeats", () => {
      const found = received.filter((e) => e.event.type === "gateway.heartbeat" && publishedAt.has(eventKey(e.event)));
      return found.length >= 3 ? found : null;
    });
    for (const e of beats) {
      const delay = e.receivedAt - publishedAt.get(eventKey(e.event))!;
      assert.ok(delay >= 0 && delay < 1_000, `delivered after ${delay} ms`);
    }
    await until("a traffic roll-up", () => received.some((e) => e.event.type === "traffic.rollup"));
    assert.ok(new Set(received.map((e) => e.id)).size === received.length, "ids are unique");
  });

  it("state() reads every gateway's /live/state", async () => {
    const [view, ...rest] = await source.state();
    assert.equal(rest.length, 0);
    assert.equal(view!.heartbeat.gatewayId, "gw-local-1");
    assert.equal(view!.heartbeat.mode, "local");
    assert.equal(view!.stale, false);
    assert.ok(view!.instances.length > 0, "the seeded services' instances are there");
  });

  it("sends breaker commands with the token; without it the gateway refuses and nothing is applied", async () => {
    const target = (await source.state())[0]!.instances[0]!;
    const result = await source.sendBreakerCommand({ service: target.service, instance: target.instance, action: "force_open", correlationId: "req_console_live_1" });
    assert.deepEqual({ ...result, acks: result.acks.map((a) => [a.gatewayId, a.applied]) }, { correlationId: "req_console_live_1", reached: 1, applied: 1, acks: [["gw-local-1", true]] });
    const forced = gateway.upstreamState.instances().find((i) => i.service === target.service && i.instance === target.instance)!;
    assert.equal(forced.breaker.forced, "open");
    await source.sendBreakerCommand({ service: target.service, instance: target.instance, action: "reset", correlationId: "req_console_live_2" });

    const refusedLog = quietLog();
    const noToken = createAdminApiLiveSource({ urls: [gateway.adminUrl], log: refusedLog });
    try {
      const refused = await noToken.sendBreakerCommand({ service: target.service, instance: target.instance, action: "force_open", correlationId: "req_console_live_3" });
      assert.deepEqual([refused.reached, refused.applied], [0, 0]);
      assert.ok(refusedLog.lines.some((l) => l.includes("req_console_live_3") && l.includes("GW_ADMIN_UNAUTHORIZED")), refusedLog.lines.join("\n"));
      assert.deepEqual(await noToken.state(), [], "reads need the token too when the gateway has one");
    } finally {
      await noToken.close();
    }
  });

  it("follows a gateway that restarts on the same admin URL, and marks the one that went quiet as stale", async () => {
    const { adminPort } = gateway;
    await gateway.close();
    gateway = await start("gw-local-2", adminPort);
    await until("a heartbeat from the restarted gateway", () => received.some((e) => e.event.gatewayId === "gw-local-2"), 8_000);
    const views = await source.state();
    assert.deepEqual(views.map((v) => [v.heartbeat.gatewayId, v.stale]), [["gw-local-1", true], ["gw-local-2", false]]);
    assert.equal(log.lines.filter((l) => l.includes("is unreachable")).length, 1, `one line for the outage: ${log.lines.join("\n")}`);
    assert.equal(log.lines.filter((l) => l.includes("is back after")).length, 1, log.lines.join("\n"));
  });
});
