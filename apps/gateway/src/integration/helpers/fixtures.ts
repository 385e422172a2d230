// Building blocks for the gateway's integration tests: real Postgres (one database per file), real
// loopback upstreams, and publishing through the same code path as the console.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { newId, ZSnapshot, type TRouteInput, type TSnapshot, type ZService } from "@tta/domain";
import type { z } from "zod";
import { publish, restoreWorkingTables, SYSTEM_ACTOR, type Db } from "@tta/db";
import { startDemoUpstream, type DemoUpstream } from "@tta/demo-upstreams";

export type RouteSpec = Partial<TRouteInput> & { name: string; path: string; service: string };
/** A service's instance URLs, or its fields (instances included). */
export type ServiceSpec = string[] | Omit<z.input<typeof ZService>, "name">;

/**
 * A valid snapshot: services by name (instance URLs or full settings), and routes. Active health
 * checks are off unless a service sets `healthCheck`: tests that are not about health should not
 * see instances leave the rotation because of check timing.
 */
export function snapshot(services: Record<string, ServiceSpec>, routes: RouteSpec[]): TSnapshot {
  const service = (name: string, spec: ServiceSpec) =>
    Array.isArray(spec) ? { name, healthCheck: { enabled: false }, instances: spec.map((url) => ({ url })) } : { healthCheck: { enabled: false }, ...spec, name };
  return ZSnapshot.parse({
    schemaVersion: 1,
    services: Object.entries(services).map(([name, spec]) => service(name, spec)),
    routes: routes.map((r) => ({ id: newId("route"), ...r })),
  });
}

/** Makes the working tables equal to `snap` and publishes them; returns the revision number. */
export async function publishSnapshot(db: Db, snap: TSnapshot, message = "test publish"): Promise<number> {
  await db.$transaction((tx) => restoreWorkingTables(tx, snap), { timeout: 20_000 });
  const revision = await publish(db, { actor: SYSTEM_ACTOR, message, correlationId: newId("request") });
  return revision.number;
}

export async function startUpstreams(...names: string[]): Promise<DemoUpstream[]> {
  return Promise.all(names.map((name, i) => startDemoUpstream({ name, instance: `${name}-${i + 1}` })));
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 5_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * An upstream that never answers (or answers `{"slow":true}` after `answerAfterMs`, or sends its
 * headers and a first chunk, then stalls, with `stallAfterHeaders`); it records
 * the requests it received and those aborted before their answer.
 */
export async function startSilentUpstream(options: { answerAfterMs?: number; stallAfterHeaders?: boolean } = {}) {
  const received: string[] = [];
  const closedEarly: string[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.url ?? "");
    res.on("close", () => {
      if (!res.writableFinished) closedEarly.push(req.url ?? "");
    });
    if (options.stallAfterHeaders) res.writeHead(200, { "content-type": "text/plain", "content-length": "1000" }).write("partial ");
    if (options.answerAfterMs !== undefined) {
      const timer = setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"slow":true}'), options.answerAfterMs);
      res.on("close", () => clearTimeout(timer));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    closedEarly,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback port with nothing listening on it (connection refused). */
export async function deadPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
