// Builds one gateway: services (config follower, Redis when configured, metrics, live events,
// upstream agents and proxy) -> pipeline -> the proxy and admin listeners. Used by main.ts, by the
// standalone start script and by tests.
import { hostname } from "node:os";
import type { Logger } from "pino";
import { adminToken } from "./admin/admin-token.ts";
import { createAdminHandler } from "./admin/admin-server.ts";
import { breakersEndpoint } from "./admin/breakers-endpoint.ts";
import { liveEventsEndpoint } from "./admin/live-events-endpoint.ts";
import { liveStateEndpoint } from "./admin/live-state-endpoint.ts";
import { metricsEndpoint } from "./admin/metrics-endpoint.ts";
import { startConfigFollower } from "./config/config-follower.ts";
import type { LiveSink, UpstreamObserver, UpstreamStateSource } from "./live/contracts.ts";
import { createLiveTransport } from "./live/create-transport.ts";
import { createLiveService } from "./live/live-service.ts";
import { TrafficWindow } from "./live/rollup/traffic-window.ts";
import { createLogger } from "./logger.ts";
import { createGatewayMetrics } from "./metrics/gateway-metrics.ts";
import { createRequestHandler } from "./pipeline/handler.ts";
import { requestStages } from "./pipeline/order.ts";
import { createDrainingServer } from "./server/draining-server.ts";
import { connectRedis } from "./stores/redis/connection.ts";
import { createAgents } from "./upstream/agents.ts";
import { createForward } from "./upstream/proxy.ts";

export interface GatewayOptions {
  databaseUrl: string;
  host?: string; // default 127.0.0.1
  port?: number; // default 8080; 0 = any free port
  adminPort?: number; // default 8081; 0 = any free port
  instanceId?: string; // default hostname-pid
  pollIntervalMs?: number; // default 5000
  logger?: Logger; // default: pino at info
  shutdownTimeoutMs?: number; // default 10000: in-flight requests get this long on close()
  /** REDIS_URL: shared state and live events through Redis (cluster mode); unset = in-process. */
  redisUrl?: string;
  /** REDIS_KEY_PREFIX: in front of every Redis key and channel (default ""). */
  redisKeyPrefix?: string;
  /** GATEWAY_ADMIN_TOKEN: Bearer token of the admin API's mutations (and live reads when set). */
  adminToken?: string;
  /** GATEWAY_PUBLIC_ADMIN_URL: the admin URL advertised in heartbeats (default: the admin listener's). */
  publicAdminUrl?: string;
  /** LIVE_ROLLUP_INTERVAL_MS: traffic roll-up window (default 2000). */
  rollupIntervalMs?: number;
  heartbeatIntervalMs?: number; // default 1000
  /** Also receives every live event (tests, embedders). */
  live?: LiveSink;
  /** Also receives every upstream attempt observation (tests, embedders). */
  observer?: UpstreamObserver;
}

export interface Gateway {
  url: string;
  adminUrl: string;
  port: number;
  adminPort: number;
  instanceId: string;
  /** "redis" when REDIS_URL was given, else "local". */
  liveMode: "redis" | "local";
  currentRevision(): number | null;
  /** Graceful: stop accepting, finish in-flight requests (up to the deadline), release everything. */
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? "127.0.0.1";
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}`;
  const log = options.logger ?? createLogger({ level: "info", instanceId });
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;

  const follower = await startConfigFollower({
    databaseUrl: options.databaseUrl,
    instanceId,
    pollIntervalMs: options.pollIntervalMs ?? 5_000,
    log,
  });
  const redis = options.redisUrl ? await connectRedis({ url: options.redisUrl, prefix: options.redisKeyPrefix ?? "", log }) : null;
  // Until the upstream machinery reports its instances, there is nothing to show or to force.
  const upstreamState: UpstreamStateSource = { instances: () => [], applyBreakerCommand: () => false };
  let proxy: ReturnType<typeof createDrainingServer> | null = null;
  const metrics = createGatewayMetrics({
    upstreamState: () => upstreamState,
    inFlight: () => proxy?.inFlight() ?? 0,
    openConnections: () => new Promise((resolve) => (proxy ? proxy.server.getConnections((_error, n) => resolve(n ?? 0)) : resolve(0))),
    revision: () => follower.store.current()?.revision ?? null,
  });
  // What the upstream machinery reports to: attempts to the metrics (and the caller's observer),
  // breaker and health events to the live service (which tees to the caller's sink).
  const extraObserver = options.observer;
  const observer: UpstreamObserver = extraObserver
    ? { attempt: (o) => (metrics.observer.attempt(o), extraObserver.attempt(o)) }
    : metrics.observer;
  const traffic = new TrafficWindow();
  let advertisedAdminUrl = options.publicAdminUrl ?? "";
  const live = createLiveService({
    gatewayId: instanceId,
    transport: await createLiveTransport({ redis, gatewayId: instanceId, log, onFailure: (operation) => metrics.liveFailure("redis", operation) }),
    traffic,
    adminUrl: () => advertisedAdminUrl,
    revision: () => follower.store.current()?.revision ?? null,
    inFlight: () => proxy?.inFlight() ?? 0,
    upstreamState: () => upstreamState,
    log: log.child({ component: "live" }),
    rollupIntervalMs: options.rollupIntervalMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    tee: options.live,
    onEvent: metrics.liveEvent,
  });
  const token = adminToken(options.adminToken);

  const agents = createAgents();
  const handle = createRequestHandler({
    stages: requestStages({ forward: createForward(agents), recorders: [metrics.requests, traffic] }),
    currentConfig: follower.store.current,
    log,
  });
  proxy = createDrainingServer(handle);
  const admin = createDrainingServer(
    createAdminHandler(
      { instanceId, store: follower.store, listenerConnected: follower.listenerConnected, draining: proxy.draining },
      [metricsEndpoint(metrics.registry), liveStateEndpoint(live, token), liveEventsEndpoint(live, token), breakersEndpoint(live, token)],
      log,
    ),
  );

  let port: number;
  let adminPort: number;
  try {
    port = await proxy.listen(options.port ?? 8080, host);
    adminPort = await admin.listen(options.adminPort ?? 8081, host);
  } catch (error) {
    await proxy.close(0);
    await live.close();
    await follower.close();
    await redis?.close();
    agents.destroy();
    throw error;
  }

  const shown = host.includes(":") ? `[${host}]` : host;
  const adminUrl = `http://${shown}:${adminPort}`;
  advertisedAdminUrl ||= adminUrl;
  live.start();
  if (!token.configured) log.info("GATEWAY_ADMIN_TOKEN is not set: POST /breakers is disabled on the admin port");
  const draining = proxy;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shown}:${port}`,
    adminUrl,
    port,
    adminPort,
    instanceId,
    liveMode: live.mode,
    currentRevision: () => follower.store.current()?.revision ?? null,
    close() {
      closing ??= (async () => {
        const { abandoned } = await draining.close(shutdownTimeoutMs);
        if (abandoned > 0) log.warn({ abandoned }, "requests still in flight at the shutdown deadline were cut");
        await live.close();
        await admin.close(0);
        await follower.close();
        await redis?.close();
        agents.destroy();
        log.info("gateway stopped");
      })();
      return closing;
    },
  };
}
