// @tta/registration-client against a real gateway: a real HTTP upstream registers itself through
// the client and is routed; heartbeats keep it past its TTL; an instance the gateway forgot is
// registered again; stop() (and SIGTERM, in a child process) deregisters it and the gateway stops
// routing to it; a registration API that refuses connections, then answers 503, is retried with
// backoff until it works; a refusal that retrying cannot fix is not retried; the token is never logged.
// Last, the demo services' own main.ts in cluster mode registers every service and deregisters on SIGTERM.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startRegistration, type RegistrationLog } from "@tta/registration-client";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { startFlakyUpstream, type FlakyUpstream } from "./helpers/flaky-upstream.ts";
import { deadPort, publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const TOKEN = "client-registration-token-0123456789";
const fast = { baseMs: 50, maxMs: 400 };

const sixFreePorts = async (): Promise<number> => {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = net.createServer().once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
  for (;;) {
    const base = 30_000 + Math.floor(Math.random() * 20_000);
    if ((await Promise.all([0, 1, 2, 3, 4, 5].map((i) => free(base + i)))).every(Boolean)) return base;
  }
};

function recordingLog() {
  const entries: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void entries.push({ level, message, fields });
  const log: RegistrationLog = { info: at("info"), warn: at("warn"), error: at("error") };
  return { log, entries, text: () => JSON.stringify(entries) };
}

describe("the registration client against a real gateway", () => {
  let tdb: TestDatabase;
  let gw: Gateway;
  let fixed: FlakyUpstream;
  let self: FlakyUpstream;
  const listed = (url: string) => gw.upstreamState.instances().find((i) => i.service === "players" && i.instance === url);
  const servedBy = async (n: number) => {
    const names = new Set<string>();
    for (let i = 0; i < n; i++) names.add((await request(`${gw.url}/api/players/${i}`)).json().instance);
    return names;
  };

  before(async () => {
    tdb = await createTestDatabase("gwregclient");
    [fixed, self] = await Promise.all([startFlakyUpstream("players-static"), startFlakyUpstream("players-self")]);
    await publishSnapshot(tdb.db, snapshot({ players: [fixed.url] }, [{ name: "players-api", path: "/api/players/*", service: "players" }]));
    gw = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, instanceId: "gw-reg-client", registrationToken: TOKEN, logger: captureLogger("warn").logger });
  });

  after(async () => {
    await gw?.close();
    await Promise.all([fixed, self].map((u) => u?.close()));
    await tdb?.drop();
  });

  test("registers, is routed, heartbeats past its TTL, comes back when forgotten, and stop() deregisters", async (t) => {
    const rec = recordingLog();
    const reg = startRegistration({ adminUrl: gw.adminUrl, token: TOKEN, service: "players", url: self.url, ttlSeconds: 3, metadata: { zone: "a" }, log: rec.log, backoff: fast });
    t.after(() => reg.stop()); // a failed assertion must not leave it heartbeating (the run would hang)
    assert.equal(reg.state, "registering");
    await reg.ready;
    assert.equal(reg.state, "registered");
    assert.match(String(reg.instanceId), /^ins_[0-9a-z]{22}$/);
    assert.equal(listed(self.url)?.source, "registered");
    assert.deepEqual(await servedBy(4), new Set(["players-static", "players-self"]), "a request through the gateway reaches it");

    await new Promise((r) => setTimeout(r, 4_500)); // 1.5 TTLs: only heartbeats keep it
    assert.ok(listed(self.url), "still registered after 4.5 s with a 3 s TTL");
    assert.ok((await servedBy(4)).has("players-self"));

    // The gateway forgets it (as after a Redis flush): the next heartbeat's 404 makes it register again.
    const forgotten = reg.instanceId;
    const text = JSON.stringify({ service: "players", instanceId: forgotten });
    const gone = await request(`${gw.adminUrl}/registry/instances`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "content-length": String(text.length) }, body: text });
    assert.equal(gone.status, 200);
    assert.equal(listed(self.url), undefined);
    await waitFor("the client to register again", async () => listed(self.url), 3_000);
    assert.ok(rec.entries.some((e) => e.message.startsWith("the gateway no longer knows this instance")));
    assert.equal(reg.state, "registered");

    const started = Date.now();
    await reg.stop();
    assert.ok(Date.now() - started < 3_000, "stop() is bounded");
    assert.equal(reg.state, "stopped");
    assert.equal(listed(self.url), undefined, "deregistered at once, long before its TTL");
    assert.deepEqual(await servedBy(4), new Set(["players-static"]), "the gateway no longer routes to it");
    await reg.stop(); // a second stop is harmless
    assert.ok(!rec.text().includes(TOKEN), "the token is never logged");
  });

  test("a registration API that refuses connections, then answers 503, is retried with backoff until it works", async () => {
    // A front for the admin port: closed at first (connection refused), then 503 twice, then the gateway.
    const front = new URL(await deadPort());
    let unavailable = 2;
    const server = http.createServer((req, res) => {
      if (unavailable-- > 0) {
        req.resume();
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "GW_REGISTRY_UNAVAILABLE", retryable: true } }));
        return;
      }
      const out = http.request(new URL(req.url ?? "/", gw.adminUrl), { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(out);
    });
    const rec = recordingLog();
    const reg = startRegistration({ adminUrl: front.origin, token: TOKEN, service: "players", url: self.url, log: rec.log, backoff: fast });
    try {
      await waitFor("two refused attempts", async () => rec.entries.filter((e) => e.message === "registration failed; retrying").length >= 2, 5_000);
      assert.equal(reg.state, "registering");
      assert.equal(listed(self.url), undefined);
      await new Promise<void>((resolve) => server.listen(Number(front.port), "127.0.0.1", resolve));
      await reg.ready;
      assert.ok(listed(self.url), "registered once the API answered");
      const retries = rec.entries.filter((e) => e.message === "registration failed; retrying");
      assert.ok(retries.length >= 4, `retried through the refusals and both 503s (${retries.length})`);
      assert.ok(retries.some((e) => /ECONNREFUSED|fetch failed/.test(String(e.fields?.reason))));
      assert.equal(retries.filter((e) => e.fields?.reason === "503 GW_REGISTRY_UNAVAILABLE").length, 2);
      assert.ok(retries.every((e) => Number(e.fields?.retryInMs) <= fast.maxMs), "each wait bounded by the backoff ceiling");
      assert.ok(!rec.text().includes(TOKEN));
    } finally {
      await reg.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    assert.equal(listed(self.url), undefined);
  });

  test("a wrong token is refused for good: not retried, ready rejects, state failed", async () => {
    const rec = recordingLog();
    const reg = startRegistration({ adminUrl: gw.adminUrl, token: "not-the-token-000000000000", service: "players", url: self.url, log: rec.log, backoff: fast });
    await assert.rejects(reg.ready, /401 GW_REGISTRATION_UNAUTHORIZED/);
    assert.equal(reg.state, "failed");
    assert.equal(rec.entries.filter((e) => e.level === "error").length, 1);
    assert.ok(!rec.text().includes("not-the-token"));
    await reg.stop();
    assert.equal(reg.state, "stopped");
  });

  test("stop() while the API is down gives up within its bound", async () => {
    const reg = startRegistration({ adminUrl: await deadPort(), token: TOKEN, service: "players", url: self.url, log: recordingLog().log, backoff: { baseMs: 10_000, maxMs: 10_000 } });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await reg.stop();
    assert.ok(Date.now() - started < 1_000, "the backoff wait is abortable");
    await assert.rejects(reg.ready, /stopped/);
  });

  test("SIGTERM deregisters the instance, then the process exits", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./helpers/registering-child.ts", import.meta.url)), gw.adminUrl, TOKEN, "players"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const url = await waitFor("the child to register", async () => /^ready (\S+)$/m.exec(out)?.[1], 20_000);
      assert.ok(listed(url), "the gateway lists the child");
      assert.ok((await servedBy(4)).has("child"));
      child.kill("SIGTERM");
      assert.equal(await exited, 0, out);
      assert.equal(listed(url), undefined, "deregistered before exiting (its TTL is 60 s)");
      assert.ok(!out.includes(TOKEN), "the token is never logged");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  test("the demo services in cluster mode (DEMO_REGISTER_ADMIN_URL): each registers under its name, and SIGTERM deregisters them", async () => {
    const base = await sixFreePorts();
    const main = fileURLToPath(new URL("../../../demo-upstreams/src/main.ts", import.meta.url));
    const env = { ...process.env, DEMO_UPSTREAM_BASE_PORT: String(base), DEMO_REGISTER_ADMIN_URL: gw.adminUrl, GATEWAY_REGISTRATION_TOKEN: TOKEN, DEMO_REGISTER_TTL_SECONDS: "60" };
    const child = spawn(process.execPath, ["--import", "tsx", main], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const players = `http://127.0.0.1:${base + 1}`; // DEMO_SERVICES order: auth, players, ...
    try {
      await waitFor("the six demo services to register", async () => (out.match(/demo registration: registered /g)?.length ?? 0) === 6, 20_000);
      assert.equal(listed(players)?.source, "registered");
      assert.ok((await servedBy(6)).has("players-1"), "the gateway routes to the demo players service");
      assert.match(out, /"service":"chat".*"routed":false/, "a service this config does not have is accepted, not routed");
      child.kill("SIGTERM");
      assert.equal(await exited, 0, out);
      assert.equal(listed(players), undefined, "deregistered on SIGTERM (its TTL is 60 s)");
      assert.equal((out.match(/demo registration: deregistered /g) ?? []).length, 6);
      assert.ok(!out.includes(TOKEN), "the token is never logged");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
