// Builds one gateway: services (config follower, upstream agents and proxy) -> pipeline -> the
// proxy and admin listeners. Used by main.ts, by the standalone start script and by tests.
import { hostname } from "node:os";
import type { Logger } from "pino";
import { createAdminHandler } from "./admin/admin-server.ts";
import { startConfigFollower } from "./config/config-follower.ts";
import { createLogger } from "./logger.ts";
import { createRequestHandler } from "./pipeline/handler.ts";
import { requestStages } from "./pipeline/order.ts";
import { createDrainingServer } from "./server/draining-server.ts";
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
}

export interface Gateway {
  url: string;
  adminUrl: string;
  port: number;
  adminPort: number;
  instanceId: string;
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
  const agents = createAgents();
  const handle = createRequestHandler({
    stages: requestStages({ forward: createForward(agents) }),
    currentConfig: follower.store.current,
    log,
  });
  const proxy = createDrainingServer(handle);
  const admin = createDrainingServer(
    createAdminHandler({ instanceId, store: follower.store, listenerConnected: follower.listenerConnected, draining: proxy.draining }),
  );

  let port: number;
  let adminPort: number;
  try {
    port = await proxy.listen(options.port ?? 8080, host);
    adminPort = await admin.listen(options.adminPort ?? 8081, host);
  } catch (error) {
    await proxy.close(0);
    await follower.close();
    agents.destroy();
    throw error;
  }

  const shown = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shown}:${port}`,
    adminUrl: `http://${shown}:${adminPort}`,
    port,
    adminPort,
    instanceId,
    currentRevision: () => follower.store.current()?.revision ?? null,
    close() {
      closing ??= (async () => {
        const { abandoned } = await proxy.close(shutdownTimeoutMs);
        if (abandoned > 0) log.warn({ abandoned }, "requests still in flight at the shutdown deadline were cut");
        await admin.close(0);
        await follower.close();
        agents.destroy();
        log.info("gateway stopped");
      })();
      return closing;
    },
  };
}
