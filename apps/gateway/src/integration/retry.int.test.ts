// Retries on a real gateway: each attempt on another instance, the attempt budget by priority,
// idempotent methods only unless the route allows others, replayable bodies up to 64 KiB, one
// overall deadline, nothing after the response started, and a client that leaves stops it all.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { recorder, startFlakyUpstream, type FlakyUpstream } from "./helpers/flaky-upstream.ts";
import { deadPort, publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

describe("retries and failover", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let ok: FlakyUpstream;
  let hangs: FlakyUpstream[];
  let stall: FlakyUpstream;
  const seen = recorder();
  /** The attempts of one route, grouped per request (attempt 1 starts a request). */
  const perRequest = (route: string) =>
    seen.attempts.filter((a) => a.route === route).reduce<Array<typeof seen.attempts>>((out, a) => (a.attempt === 1 ? out.push([a]) : out.at(-1)!.push(a), out), []);

  before(async () => {
    tdb = await createTestDatabase("gwretry");
    ok = await startFlakyUpstream("ok-1");
    stall = await startFlakyUpstream("stall-1", { mode: "stall" });
    hangs = await Promise.all(["hang-1", "hang-2", "hang-3", "hang-4", "hang-5"].map((n) => startFlakyUpstream(n, { mode: "hang" })));
    const dead = await Promise.all(Array.from({ length: 6 }, () => deadPort()));
    const urls = (...u: string[]) => u;
    // Instances are published sorted by URL: where the first pick matters, a heavy instance takes it.
    const firstThen = (first: string, then: string) => ({ loadBalancing: "weighted_round_robin" as const, instances: [{ url: first, weight: 50 }, { url: then, weight: 1 }] });
    await publishSnapshot(
      tdb.db,
      snapshot(
        {
          mixed: urls(dead[0]!, dead[1]!, ok.url),
          "post-a": firstThen(dead[0]!, ok.url),
          "post-b": firstThen(dead[0]!, ok.url),
          "post-c": firstThen(dead[0]!, ok.url),
          "standard-dead": urls(dead[0]!, dead[1]!, dead[2]!, dead[3]!),
          "therapy-dead": { therapeuticPriority: "therapeutic", instances: dead.map((url) => ({ url })), circuitBreaker: { failureThreshold: 100 } },
          hangs: urls(hangs[0]!.url, hangs[1]!.url, hangs[2]!.url),
          "hangs-abort": urls(hangs[3]!.url, hangs[4]!.url),
          stalls: firstThen(stall.url, ok.url),
        },
        [
          { name: "mixed-api", path: "/mixed/*", service: "mixed" },
          { name: "post-strict", path: "/post-strict/*", service: "post-a" },
          { name: "post-retry", path: "/post-retry/*", service: "post-b", retryPolicy: { retryNonIdempotent: true } },
          { name: "post-big", path: "/post-big/*", service: "post-c", retryPolicy: { retryNonIdempotent: true } },
          { name: "standard-api", path: "/standard/*", service: "standard-dead", retryPolicy: { backoffBaseMs: 1 } },
          { name: "therapy-api", path: "/therapy/*", service: "therapy-dead", retryPolicy: { backoffBaseMs: 1 } },
          { name: "hang-api", path: "/hang/*", service: "hangs", timeoutMs: 900, retryPolicy: { attempts: 10, attemptTimeoutMs: 400, backoffBaseMs: 5 } },
          { name: "abort-api", path: "/abort/*", service: "hangs-abort", timeoutMs: 5_000, retryPolicy: { attemptTimeoutMs: 1_000 } },
          { name: "stall-api", path: "/stall/*", service: "stalls", timeoutMs: 500 },
        ],
      ),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("warn").logger, instanceId: "gw-retry", observer: seen.observer });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all([ok, stall, ...hangs].map((u) => u?.close()));
    await tdb?.drop();
  });

  test("a failed attempt goes to another instance: every request succeeds on the one that works", async () => {
    for (let i = 0; i < 6; i++) {
      const res = await request(`${gateway.url}/mixed/item-${i}`);
      assert.equal(res.status, 200);
      assert.equal(res.json().instance, "ok-1");
    }
    const requests = perRequest("mixed-api");
    assert.equal(requests.length, 6);
    for (const attempts of requests) {
      assert.equal(new Set(attempts.map((a) => a.instance)).size, attempts.length, "never the same instance twice");
      assert.equal(attempts.at(-1)!.outcome, "ok");
      assert.equal(attempts.at(-1)!.instance, ok.url);
    }
    assert.ok(requests.filter((attempts) => attempts.length > 1).length >= 2, "round robin sent some requests to a dead instance first");
  });

  test("attempts by priority when the route does not say: 3 for standard, 5 for therapeutic", async () => {
    const standard = await request(`${gateway.url}/standard/x`);
    assert.equal(standard.status, 502);
    assert.equal(standard.json().error.code, "GW_UPSTREAM_UNAVAILABLE");
    assert.equal(perRequest("standard-api")[0]!.length, 3);
    assert.equal((await request(`${gateway.url}/therapy/x`)).status, 502);
    assert.equal(perRequest("therapy-api")[0]!.length, 5);
  });

  test("a POST is not retried unless the route allows it; then its buffered body is sent again whole", async () => {
    const strict = await request(`${gateway.url}/post-strict/note`, { method: "POST", body: "hello", headers: { "content-type": "text/plain" } });
    assert.equal(strict.status, 502);
    assert.equal(perRequest("post-strict")[0]!.length, 1);
    assert.ok(!ok.received.includes("POST /post-strict/note"));

    const body = "x".repeat(10 * 1024);
    const allowed = await request(`${gateway.url}/post-retry/note`, { method: "POST", body, headers: { "content-type": "text/plain" } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.json().bodyLength, body.length);
    assert.equal(ok.bodies.get("POST /post-retry/note"), body);
    assert.equal(perRequest("post-retry")[0]!.length, 2);
  });

  test("a body over 64 KiB streams once, even where retries are allowed", async () => {
    const res = await request(`${gateway.url}/post-big/upload`, { method: "POST", body: "y".repeat(100 * 1024) });
    assert.equal(res.status, 502);
    assert.equal(perRequest("post-big")[0]!.length, 1);
  });

  test("the overall deadline holds across attempts: 504 at the route's timeoutMs, every attempt aborted", async () => {
    const started = Date.now();
    const res = await request(`${gateway.url}/hang/report`);
    const took = Date.now() - started;
    assert.equal(res.status, 504);
    assert.equal(res.json().error.code, "GW_UPSTREAM_TIMEOUT");
    assert.ok(took >= 850 && took < 1_400, `answered after ${took} ms`);
    const attempts = perRequest("hang-api")[0]!;
    assert.equal(attempts.length, 3, "400 + 400 + what is left of 900");
    assert.ok(attempts.every((a) => a.outcome === "timeout"));
    for (const h of hangs.slice(0, 3)) {
      await waitFor(`${h.name} to see its request aborted`, async () => h.closedEarly.includes("GET /hang/report"), 2_000);
    }
  });

  test("nothing is retried once the response has started: the connection is cut, one attempt", async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get(`${gateway.url}/stall/file`, { agent: false }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve(`complete ${res.statusCode}: ${body}`));
        res.on("close", () => resolve(`cut ${res.statusCode} after "${body}"`));
      });
      req.on("error", (error) => resolve(`error: ${error.message}`));
    });
    assert.equal(outcome, 'cut 200 after "partial "');
    assert.equal(perRequest("stall-api")[0]!.length, 1);
    assert.ok(!ok.received.includes("GET /stall/file"));
  });

  test("a client that goes away stops the retries and aborts the attempt in progress", async () => {
    const controller = new AbortController();
    const pending = request(`${gateway.url}/abort/me`, { signal: controller.signal, agent: false });
    const first = await waitFor("an instance to receive it", async () => hangs.slice(3).find((h) => h.received.includes("GET /abort/me")), 2_000);
    controller.abort();
    await assert.rejects(pending);
    await waitFor("the attempt to be aborted", async () => first.closedEarly.includes("GET /abort/me"), 2_000);
    await new Promise((r) => setTimeout(r, 300));
    const other = hangs.slice(3).find((h) => h !== first)!;
    assert.ok(!other.received.includes("GET /abort/me"), "no further attempt");
    assert.deepEqual(perRequest("abort-api")[0]!.map((a) => a.outcome), ["aborted"]);
  });
});
