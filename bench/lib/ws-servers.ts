// What `npm run bench:ws` measures, started in dependency order on the server core: the echo
// upstream, the bare ws relay, a throw-away database with the WebSocket routes published, and two
// gateways on one Redis (a key prefix of the run's own). Each start pushes its undo onto one stack,
// unwound on failure, at the end and when the run is over its budget.
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { newId } from "@tta/domain";
import { WebSocket } from "ws";
import { dropRedisPrefix } from "./edge-fixture.ts";
import { hardNofile, startNodeScript, type Pinning, type Proc } from "./processes.ts";
import { publishSnapshot, waitForStatus } from "./revisions.ts";
import type { WsBenchSettings } from "./ws-settings.ts";

export interface GatewayProc {
  proc: Proc;
  /** http://127.0.0.1:<port> and its admin API. */
  base: string;
  ws: string;
  admin: string;
}

export interface WsServers {
  echo: Proc;
  relay: Proc;
  a: GatewayProc;
  b: GatewayProc;
  urls: { echoHttp: string; echoWs: string; relayWs: string };
  adminToken: string;
  /** Open-files limit given to the servers (soft = hard). */
  nofile: number;
  /** The gateways' settings that differ from their defaults, for the result. */
  gatewayEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Routes: HTTP /plain/*, WebSocket /wsplain/* (no scan) and /wsscan/* (safetyScan monitor), all to the echo upstream. */
function wsSnapshot(echoUrl: string) {
  const ws = (name: string, path: string, extra: Record<string, unknown> = {}) => ({ id: newId("route"), name, path, rewrite: "/*", service: "echo", retryPolicy: { attempts: 1 }, ...extra });
  return {
    schemaVersion: 1,
    services: [{ name: "echo", healthCheck: { enabled: false }, instances: [{ url: echoUrl }] }],
    routes: [ws("plain", "/plain/*"), ws("ws-plain", "/wsplain/*", { websocket: true }), ws("ws-scan", "/wsscan/*", { websocket: true, safetyScan: "monitor" })],
  };
}

/** Resolves once a WebSocket to `url` opens (the gateway has the revision). */
async function waitForWebSocket(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(url, ["tta.v1"]);
      ws.once("open", () => (ws.close(1000), resolve(true)));
      ws.once("unexpected-response", (_req, res) => ((last = `HTTP ${res.statusCode}`), res.resume(), ws.terminate(), resolve(false)));
      ws.once("error", (error) => ((last ||= String(error)), resolve(false)));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not open within ${timeoutMs} ms (last: ${last})`);
}

export async function startWsServers(s: WsBenchSettings, pinning: Pinning): Promise<WsServers> {
  const undo: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const fn of undo.reverse()) await fn().catch((error: unknown) => console.error("cleanup:", error));
    undo.length = 0;
  };
  const port = (i: number) => s.portBase + i;
  const nofile = hardNofile();
  const launch = { core: pinning.serverCore, nofile };
  try {
    const echo = (await startNodeScript("ws echo", "bench/ws-echo.ts", [String(port(0))], { launch, ready: /^listening \d+/ })).proc;
    undo.push(() => echo.stop());
    const echoHttp = `http://127.0.0.1:${port(0)}`;
    const echoWs = `ws://127.0.0.1:${port(0)}`;
    const relay = (await startNodeScript("ws relay", "bench/ws-relay.ts", [echoWs, String(port(1))], { launch, ready: /^listening \d+/ })).proc;
    undo.push(() => relay.stop());

    const db = await createTestDatabase("benchws");
    undo.push(() => db.drop());
    await publishSnapshot(db, wsSnapshot(echoHttp), "benchmark: WebSocket routes with and without scanning");

    const adminToken = randomBytes(24).toString("base64url");
    undo.push(() => dropRedisPrefix(s.redisUrl, s.redisPrefix));
    // Raised so that the bench is not refused: every connection comes from 127.0.0.1 (one subject),
    // and the rate phase sends 20 messages/s per connection (the defaults are 10 and 10/s).
    const gatewayEnv = { WS_MAX_CONNECTIONS_PER_USER: "100000", WS_MESSAGES_PER_SECOND: "10000", WS_MESSAGE_BURST: "100000" };
    const gateway = async (name: string, proxyPort: number, adminPort: number): Promise<GatewayProc> => {
      const { proc } = await startNodeScript(name, "apps/gateway/src/main.ts", [], {
        env: { DATABASE_URL: db.url, GATEWAY_PORT: String(proxyPort), GATEWAY_ADMIN_PORT: String(adminPort), GATEWAY_INSTANCE_ID: `bench-${name.slice(-1)}`, LOG_LEVEL: "warn", REDIS_URL: s.redisUrl, REDIS_KEY_PREFIX: s.redisPrefix, GATEWAY_ADMIN_TOKEN: adminToken, ...gatewayEnv },
        launch,
        ready: /proxy http:\/\/127\.0\.0\.1:\d+/,
      });
      undo.push(() => proc.stop());
      return { proc, base: `http://127.0.0.1:${proxyPort}`, ws: `ws://127.0.0.1:${proxyPort}`, admin: `http://127.0.0.1:${adminPort}` };
    };
    const a = await gateway("gateway a", port(2), port(3));
    const b = await gateway("gateway b", port(4), port(5));
    for (const g of [a, b]) {
      await waitForStatus(`${g.base}/plain/hello`, 200, 20_000);
      await waitForWebSocket(`${g.ws}/wsplain/echo`, 20_000);
      await waitForWebSocket(`${g.ws}/wsscan/echo`, 20_000);
    }
    await waitForWebSocket(`ws://127.0.0.1:${port(1)}/echo`, 10_000);
    return { echo, relay, a, b, urls: { echoHttp, echoWs, relayWs: `ws://127.0.0.1:${port(1)}` }, adminToken, nofile, gatewayEnv, close };
  } catch (error) {
    await close();
    throw error;
  }
}
