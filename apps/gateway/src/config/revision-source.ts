// Reads revisions with plain `pg` (no Prisma): a tiny pool used by the config follower only, never
// by a request. Connections carry an application_name so operators can tell gateways apart.
import pg from "pg";
import type { Logger } from "pino";
import type { RevisionRow } from "./verify-revision.ts";

export interface RevisionSource {
  /** Newest first, at most `limit`, skipping revisions this gateway already refused. */
  newerThan(number: number, skip: readonly number[], limit: number): Promise<RevisionRow[]>;
  close(): Promise<void>;
}

export function pgClientConfig(connectionString: string, applicationName: string): pg.ClientConfig {
  return {
    connectionString,
    application_name: applicationName.slice(0, 63),
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

export function createRevisionSource(config: pg.ClientConfig, log: Logger): RevisionSource {
  const pool = new pg.Pool({ ...config, max: 2, idleTimeoutMillis: 30_000 });
  // An idle client dies when Postgres restarts or terminates it; the next query reconnects.
  pool.on("error", (error) => log.debug({ err: error }, "idle config connection closed"));
  return {
    async newerThan(number, skip, limit) {
      const result = await pool.query<{ number: number; snapshot: unknown; checksum: string }>(
        `select number, snapshot, checksum from config_revisions
          where number > $1 and not (number = any($2::int[]))
          order by number desc limit $3`,
        [number, skip, limit],
      );
      return result.rows;
    },
    close: () => pool.end(),
  };
}
