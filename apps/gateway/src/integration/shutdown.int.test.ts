// Graceful shutdown: close() stops accepting, lets in-flight requests finish (up to a deadline),
// and main.ts turns SIGTERM into that and exit code 0.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, startSilentUpstream, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

describe("shutting down", () => {
  let tdb: TestDatabase;
  let slow: Awaited<ReturnType<typeof startSilentUpstream>>;
  let silent: Awaited<ReturnType<typeof startSilentUpstream>>;

  before(async () => {
    tdb = await createTestDatabase("gwshutdown");
    slow = await startSilentUpstream({ answerAfterMs: 400 });
    silent = await startSilentUpstream();
    await publishSnapshot(
      tdb.db,
      snapshot({ slow: [slow.url], silent: [silent.url] }, [
        { name: "slow-api", path: "/slow/*", service: "slow" },
        { name: "silent-api", path: "/silent/*", service: "silent" },
      ]),
    );
  });

  after(async () => {
    await slow?.close();
    await silent?.close();
    await tdb?.drop();
  });

  test("close() lets an in-flight request finish, refuses new connections, then resolves", async () => {
    const gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger().logger });
    const inFlight = request(`${gateway.url}/slow/report`, { agent: false });
    await waitFor("the upstream to receive it", async () => slow.received.includes("/slow/report"), 2_000);
    let closed = false;
    const closing = gateway.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(request(`${gateway.url}/slow/other`, { agent: false }), /ECONNREFUSED/);
    assert.equal(closed, false);
    const res = await inFlight;
    assert.equal(res.status, 200);
    assert.equal(res.json().slow, true);
    assert.equal(res.headers.connection, "close");
    await closing;
  });

  test("requests still running at the deadline are cut, and the cut is logged once", async () => {
    const log = captureLogger("info");
    const gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: log.logger, shutdownTimeoutMs: 200 });
    const stuck = request(`${gateway.url}/silent/forever`, { agent: false }).then(
      () => "answered",
      (error: Error) => error.message,
    );
    await waitFor("the upstream to receive it", async () => silent.received.includes("/silent/forever"), 2_000);
    const started = Date.now();
    await gateway.close();
    assert.ok(Date.now() - started < 2_000);
    assert.equal(await stuck, "socket hang up");
    const cut = log.messages("requests still in flight at the shutdown deadline were cut");
    assert.equal(cut.length, 1);
    assert.equal(cut[0]!.abandoned, 1);
  });

  test("main.ts prints its URLs, serves, and exits 0 on SIGTERM", { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, DATABASE_URL: tdb.url, GATEWAY_PORT: "0", GATEWAY_ADMIN_PORT: "0", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const line = await waitFor("the start line", async () => /proxy (\S+)\s+admin (\S+)/.exec(stdout), 15_000, 50);
    const [, url, adminUrl] = line;
    assert.equal((await request(`${adminUrl}/readyz`)).status, 200);
    assert.equal((await request(`${url}/nothing`)).status, 404);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
  });

  test("main.ts refuses a bad environment with a clear message and exit code 1", { timeout: 20_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_PORT: "eighty" };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const [code] = await once(child, "exit");
    assert.equal(code, 1);
    assert.match(stderr, /DATABASE_URL: is required/);
    assert.match(stderr, /GATEWAY_PORT/);
  });
});
