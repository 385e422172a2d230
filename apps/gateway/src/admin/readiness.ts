// What /readyz reports: ready once a revision is loaded (and not shutting down), with enough detail
// for an operator to see which revision runs, what was refused, and whether config can follow.
import type { ConfigStore, Rejection } from "../config/config-store.ts";

export interface ReadinessSource {
  instanceId: string;
  store: Pick<ConfigStore, "current" | "lastRejected" | "databaseReachable">;
  listenerConnected(): boolean;
  draining(): boolean;
}

export interface Readiness {
  status: "ready" | "not_ready" | "draining";
  instanceId: string;
  revision: number | null;
  checksum: string | null;
  loadedAt: string | null;
  lastRejected: Rejection | null;
  listenerConnected: boolean;
  databaseReachable: boolean | null;
}

export function readiness(source: ReadinessSource): { httpStatus: number; body: Readiness } {
  const current = source.store.current();
  const status = source.draining() ? "draining" : current ? "ready" : "not_ready";
  return {
    httpStatus: status === "ready" ? 200 : 503,
    body: {
      status,
      instanceId: source.instanceId,
      revision: current?.revision ?? null,
      checksum: current?.checksum ?? null,
      loadedAt: current?.loadedAt.toISOString() ?? null,
      lastRejected: source.store.lastRejected(),
      listenerConnected: source.listenerConnected(),
      databaseReachable: source.store.databaseReachable(),
    },
  };
}
