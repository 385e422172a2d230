// Holds the route table in use and replaces it with the newest valid revision on each check. The
// swap is one reference assignment; a refused revision is logged once and reported, never taken.
import type { Logger } from "pino";
import { compileConfig } from "./compile.ts";
import type { EdgeDeps } from "./compile-edge.ts";
import type { CompiledConfig } from "./compiled.ts";
import type { RevisionSource } from "./revision-source.ts";
import { verifyRevision, type RevisionRow } from "./verify-revision.ts";
import { outageError } from "../net/connection-error.ts";

export interface Rejection {
  number: number;
  reason: string;
  at: string;
}

export interface ConfigStore {
  /** The table new requests are routed by; null until a valid revision was loaded. */
  current(): CompiledConfig | null;
  lastRejected(): Rejection | null;
  /** null until the first check finished. */
  databaseReachable(): boolean | null;
  /** Loads the newest valid revision newer than the current one. Never throws; calls are merged. */
  check(): Promise<void>;
}

const BATCH = 5;

/**
 * `onLoaded` runs synchronously right after a swap, before any request can see the new table.
 * `edgeDeps`: what auth policies compile with (HMAC secrets, the JWKS cache), built at start-up.
 */
export function createConfigStore(source: RevisionSource, log: Logger, onLoaded?: (config: CompiledConfig) => void, edgeDeps?: EdgeDeps): ConfigStore {
  let current: CompiledConfig | null = null;
  let lastRejected: Rejection | null = null;
  let reachable: boolean | null = null;
  const refused = new Map<number, Rejection>(); // revisions are immutable: refuse each one once
  let running: Promise<void> | null = null;
  let again = false;

  function refuse(row: RevisionRow, reason: string, details: object = {}): void {
    const rejection = { number: row.number, reason, at: new Date().toISOString() };
    refused.set(row.number, rejection);
    if (!lastRejected || row.number >= lastRejected.number) lastRejected = rejection;
    log.error({ revision: row.number, reason, ...details }, "config revision refused; keeping the current one");
  }

  function take(row: RevisionRow): boolean {
    const verdict = verifyRevision(row);
    if (!verdict.ok) {
      refuse(row, verdict.reason, { errors: verdict.errors.slice(0, 20) });
      return false;
    }
    let compiled: CompiledConfig;
    try {
      compiled = compileConfig(verdict.snapshot, { revision: row.number, checksum: row.checksum }, undefined, edgeDeps);
    } catch (error) {
      refuse(row, `does not compile: ${(error as Error).message}`);
      return false;
    }
    const previous = current?.revision ?? null;
    current = compiled;
    onLoaded?.(compiled);
    for (const n of refused.keys()) if (n <= compiled.revision) refused.delete(n);
    log.info({ revision: compiled.revision, previous, checksum: compiled.checksum, routes: compiled.routes.length }, "config revision loaded");
    return true;
  }

  async function checkOnce(): Promise<void> {
    for (;;) {
      let rows: RevisionRow[];
      try {
        rows = await source.newerThan(current?.revision ?? 0, [...refused.keys()], BATCH);
      } catch (error) {
        if (reachable !== false) log.warn({ err: outageError(error) }, "config database unreachable; serving the last loaded revision");
        reachable = false;
        return;
      }
      if (reachable === false) log.info("config database reachable again");
      reachable = true;
      for (const row of rows) if (take(row)) return;
      if (rows.length < BATCH) return;
    }
  }

  return {
    current: () => current,
    lastRejected: () => lastRejected,
    databaseReachable: () => reachable,
    check() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await checkOnce();
        } while (again);
      })().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
