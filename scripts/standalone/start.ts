// The standalone start: uses DATABASE_URL when set, else an embedded PostgreSQL in the data folder;
// migrates and seeds; runs the demo upstreams, the gateway and the console under the supervisor
// (a child that dies is restarted); prints where they are. Ctrl-C or SIGTERM stops everything, in
// dependency order: console and gateway, then the demo upstreams, then PostgreSQL.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import pg from "pg";
import { createDb, DEMO_SERVICES, migrate, seedDemo, type DemoService } from "@tta/db";
import { DEFAULTS } from "../../apps/gateway/src/env.ts";
import { banner } from "./banner.ts";
import { waitFor, waitForHttp } from "./children.ts";
import { embeddedDbUrl } from "./embedded-db.ts";
import { readOrCreateSecret } from "./secrets.ts";
import { stopInOrder, supervise, type Supervised } from "./supervisor.ts";

const root = resolve(import.meta.dirname, "../..");
const env = process.env;
const dataDir = resolve(root, env.TTA_DATA_DIR ?? ".data");
const host = "127.0.0.1";
const skipConsole = env.TTA_SKIP_CONSOLE === "1";
const ports = {
  gateway: Number(env.GATEWAY_PORT ?? 8080),
  admin: Number(env.GATEWAY_ADMIN_PORT ?? 8081),
  console: Number(env.CONSOLE_PORT ?? 3000),
  demo: Number(env.DEMO_UPSTREAM_BASE_PORT ?? 4101),
  postgres: Number(env.EMBEDDED_PG_PORT ?? 54329),
};
mkdirSync(dataDir, { recursive: true });

let postgres: Supervised | null = null;
let demo: Supervised | null = null;
const apps: Supervised[] = []; // gateway and console: stopped first
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("\nStopping…");
    await stopInOrder([apps, demo ? [demo] : [], postgres ? [postgres] : []]);
  }
  process.exit(code);
}
// `on`, not `once`: the terminal's Ctrl-C and npm's forwarded signal can both arrive.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

const credentialsFile = join(dataDir, "admin-credentials.json");

function adminCredentials(): { email: string; password: string } {
  const email = env.TTA_ADMIN_EMAIL ?? "admin@tta.local";
  if (env.TTA_ADMIN_PASSWORD) return { email, password: env.TTA_ADMIN_PASSWORD };
  if (existsSync(credentialsFile)) return JSON.parse(readFileSync(credentialsFile, "utf8"));
  const password = readOrCreateSecret(join(dataDir, "admin-password"), 12);
  writeFileSync(credentialsFile, JSON.stringify({ email, password }) + "\n", { mode: 0o600 });
  return { email, password };
}

function buildConsoleIfNeeded() {
  if (existsSync(join(root, "apps/console/.next/BUILD_ID")) && env.TTA_REBUILD !== "1") return;
  console.log("Building the console once (about a minute)…");
  const result = spawnSync("npm", ["run", "build", "-w", "@tta/console"], { cwd: root, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("the console build failed");
}

/** The server answers (on its "postgres" database: ours is created by the migrator on a fresh cluster). */
async function pgAnswers(url: string): Promise<boolean> {
  const server = new URL(url);
  server.pathname = "/postgres";
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main() {
  const tsx = ["--import", "tsx"];
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL (data in ${join(dataDir, "pg")})…`);
    databaseUrl = embeddedDbUrl(dataDir, ports.postgres);
    postgres = supervise({
      name: "postgres",
      command: process.execPath,
      args: [...tsx, "scripts/standalone/embedded-db-main.ts"],
      env: { ...env, TTA_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(ports.postgres) },
      cwd: root,
      detached: true,
    });
    const db = postgres;
    await waitFor(`PostgreSQL on port ${ports.postgres}`, 120_000, () => db.gaveUp, () => pgAnswers(databaseUrl!));
  }
  const migrated = await migrate(databaseUrl, join(root, "prisma/migrations"));
  if (migrated.applied.length) console.log(`Applied migrations: ${migrated.applied.join(", ")}`);

  const upstreams = Object.fromEntries(DEMO_SERVICES.map((name, i) => [name, `http://${host}:${ports.demo + i}`])) as Record<DemoService, string>;
  const admin = adminCredentials();
  const db = createDb(databaseUrl, { max: 2 });
  const seeded = await seedDemo(db, { upstreams, admin: { ...admin, name: "TTA Admin" } }).finally(() => db.$disconnect());
  if (seeded.configPublished) console.log("Seeded the demo services, routes and the default rate-limit policy.");

  if (!skipConsole) buildConsoleIfNeeded();

  const childEnv = { ...env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  // Issue 3: the gateway's admin API refuses breaker commands without a token; the console sends
  // this one when an operator forces a breaker (and reads live state with it).
  const gatewayAdminToken = env.GATEWAY_ADMIN_TOKEN ?? readOrCreateSecret(join(dataDir, "gateway-admin-token"), 32);
  // Detached like Postgres, so the gateway never sees its upstreams stop before it does.
  demo = supervise({ name: "demo", command: process.execPath, args: [...tsx, "apps/demo-upstreams/src/main.ts"], env: { ...childEnv, DEMO_UPSTREAM_BASE_PORT: String(ports.demo) }, cwd: root, detached: true });
  const gateway = supervise({
    name: "gateway",
    command: process.execPath,
    args: [...tsx, "apps/gateway/src/main.ts"],
    env: { ...childEnv, GATEWAY_HOST: env.GATEWAY_HOST ?? host, GATEWAY_PORT: String(ports.gateway), GATEWAY_ADMIN_PORT: String(ports.admin), GATEWAY_ADMIN_TOKEN: gatewayAdminToken },
    cwd: root,
  });
  apps.push(gateway);
  const consoleUrl = `http://${host}:${ports.console}`;
  let consoleApp: Supervised | null = null;
  if (!skipConsole) {
    consoleApp = supervise({
      name: "console",
      command: process.execPath,
      args: [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(ports.console), "-H", host],
      env: {
        ...childEnv,
        NODE_ENV: "production",
        NEXTAUTH_URL: env.NEXTAUTH_URL ?? consoleUrl,
        NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? readOrCreateSecret(join(dataDir, "nextauth-secret"), 32),
        GATEWAY_URL: `http://${host}:${ports.gateway}`,
        GATEWAY_ADMIN_URL: `http://${host}:${ports.admin}`,
        GATEWAY_ADMIN_TOKEN: gatewayAdminToken,
      },
      cwd: join(root, "apps/console"),
    });
    apps.push(consoleApp);
  }

  const gaveUp = (s: Supervised) => () => s.gaveUp;
  await Promise.all([
    waitForHttp(`${upstreams.auth}/health`, 60_000, gaveUp(demo)),
    waitForHttp(`http://${host}:${ports.admin}/readyz`, 90_000, gaveUp(gateway)),
    consoleApp && waitForHttp(`${consoleUrl}/signin`, 120_000, gaveUp(consoleApp)),
  ]);
  console.log(banner({
    host,
    ports,
    httpsPort: env.GATEWAY_TLS_CERT_FILE?.trim() ? Number(env.GATEWAY_TLS_PORT || DEFAULTS.GATEWAY_TLS_PORT) : null, // the gateway reads GATEWAY_TLS_* itself (env passes through)
    consoleUrl: consoleApp ? consoleUrl : null,
    admin,
    adminCreated: seeded.adminCreated,
    credentialsFile: env.TTA_ADMIN_PASSWORD ? null : relative(process.cwd(), credentialsFile) || credentialsFile,
    database: postgres ? { embedded: true, dataDir: join(dataDir, "pg") } : { embedded: false },
  }));
}

main().catch((error) => {
  console.error(`Start failed: ${(error as Error).message}`);
  void shutdown(1);
});
