// Starts what one bench run measures, in dependency order: the upstream, the bare proxy, a
// throw-away database with the edge routes published, and the gateway (Redis under a key prefix
// of the run's own). Each start pushes its undo onto one stack, unwound on failure and at the end.
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { dropRedisPrefix, edgeKeys, edgeSnapshot } from "./edge-fixture.ts";
import { hardNofile, startNodeScript, type Pinning, type Proc } from "./processes.ts";
import { publishSnapshot, waitForStatus } from "./revisions.ts";
import type { Settings } from "./settings.ts";

export interface Servers {
  upstream: Proc;
  bare: Proc;
  gateway: Proc;
  db: TestDatabase;
  urls: { direct: string; bare: string; gatewayPublic: string; gatewayEdge: string; gatewayBase: string; upstream: string };
  /** Authorization header for the JWT route (one token: the verified-token cache answers). */
  auth: Record<string, string>;
  /** File descriptors the gateway may open (its own soft = hard limit). */
  gatewayNofile: number;
  close(): Promise<void>;
}

export async function startServers(settings: Settings, pinning: Pinning): Promise<Servers> {
  const undo: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const fn of undo.reverse()) await fn().catch((error: unknown) => console.error("cleanup:", error));
    undo.length = 0;
  };
  const port = (i: number) => settings.portBase + i;
  const launch = { core: pinning.serverCore };
  try {
    const upstream = (await startNodeScript("upstream", "bench/upstream.ts", [String(port(0))], { launch, ready: /^listening \d+/ })).proc;
    undo.push(() => upstream.stop());
    const upstreamUrl = `http://127.0.0.1:${port(0)}`;
    const bare = (await startNodeScript("bare proxy", "bench/bare-proxy.ts", [upstreamUrl, String(port(1))], { launch, ready: /^listening \d+/ })).proc;
    undo.push(() => bare.stop());

    const db = await createTestDatabase("bench");
    undo.push(() => db.drop());
    const keys = edgeKeys();
    await publishSnapshot(db, edgeSnapshot(upstreamUrl, keys.publicKeyPem), "benchmark: public and JWT + limiter routes");

    const gatewayNofile = hardNofile();
    undo.push(() => dropRedisPrefix(settings.redisUrl, settings.redisPrefix));
    const gateway = (
      await startNodeScript("gateway", "apps/gateway/src/main.ts", [], {
        env: { DATABASE_URL: db.url, GATEWAY_PORT: String(port(2)), GATEWAY_ADMIN_PORT: String(port(3)), LOG_LEVEL: "warn", REDIS_URL: settings.redisUrl, REDIS_KEY_PREFIX: settings.redisPrefix },
        launch: { ...launch, nofile: gatewayNofile },
        ready: /proxy http:\/\/127\.0\.0\.1:\d+/,
      })
    ).proc;
    undo.push(() => gateway.stop());

    const gatewayBase = `http://127.0.0.1:${port(2)}`;
    const auth = { authorization: `Bearer ${await keys.token("usr_bench")}` };
    const urls = { upstream: upstreamUrl, direct: `${upstreamUrl}/hello`, bare: `http://127.0.0.1:${port(1)}/hello`, gatewayBase, gatewayPublic: `${gatewayBase}/plain/hello`, gatewayEdge: `${gatewayBase}/edge/hello` };
    await waitForStatus(urls.bare, 200, 10_000);
    await waitForStatus(urls.gatewayPublic, 200, 20_000);
    await waitForStatus(urls.gatewayEdge, 200, 20_000, auth);
    return { upstream, bare, gateway, db, urls, auth, gatewayNofile, close };
  } catch (error) {
    await close();
    throw error;
  }
}
