// `npm start`: the whole product on one machine with nothing but Node.js. Uses DATABASE_URL when
// set, else an embedded PostgreSQL in the data folder; migrates and seeds; starts the demo
// upstreams, the gateway and the console; prints where they are. Ctrl-C stops everything.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createDb, DEMO_SERVICES, migrate, seedDemo, type DemoService } from "@tta/db";
import { startChild, stopChildren, waitForHttp, type Child } from "./standalone/children.ts";
import { startEmbeddedDb, type EmbeddedDb } from "./standalone/embedded-db.ts";
import { readOrCreateSecret } from "./standalone/secrets.ts";

const root = resolve(import.meta.dirname, "..");
const env = process.env;
const dataDir = resolve(root, env.TTA_DATA_DIR ?? ".data");
const host = "127.0.0.1";
const ports = {
  gateway: Number(env.GATEWAY_PORT ?? 8080),
  admin: Number(env.GATEWAY_ADMIN_PORT ?? 8081),
  console: Number(env.CONSOLE_PORT ?? 3000),
  demo: Number(env.DEMO_UPSTREAM_BASE_PORT ?? 4101),
  postgres: Number(env.EMBEDDED_PG_PORT ?? 54329),
};
mkdirSync(dataDir, { recursive: true });

const children: Child[] = [];
let embedded: EmbeddedDb | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("\nStopping…");
    await stopChildren(children);
    await embedded?.stop().catch(() => {});
  }
  process.exit(code);
}
process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));

function adminCredentials(): { email: string; password: string } {
  const email = env.TTA_ADMIN_EMAIL ?? "admin@tta.local";
  if (env.TTA_ADMIN_PASSWORD) return { email, password: env.TTA_ADMIN_PASSWORD };
  const file = join(dataDir, "admin-credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const password = readOrCreateSecret(join(dataDir, "admin-password"), 12);
  writeFileSync(file, JSON.stringify({ email, password }) + "\n", { mode: 0o600 });
  return { email, password };
}

function buildConsoleIfNeeded() {
  if (existsSync(join(root, "apps/console/.next/BUILD_ID")) && env.TTA_REBUILD !== "1") return;
  console.log("Building the console once (about a minute)…");
  const result = spawnSync("npm", ["run", "build", "-w", "@tta/console"], { cwd: root, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("the console build failed");
}

async function main() {
  const gen = spawnSync(process.execPath, [join(root, "scripts/prisma.mjs"), "ensure-generated"], { stdio: "inherit" });
  if (gen.status !== 0) throw new Error("prisma generate failed");

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL (data in ${join(dataDir, "pg")})…`);
    embedded = await startEmbeddedDb(dataDir, ports.postgres);
    databaseUrl = embedded.url;
  }
  const migrated = await migrate(databaseUrl, join(root, "prisma/migrations"));
  if (migrated.applied.length) console.log(`Applied migrations: ${migrated.applied.join(", ")}`);

  const upstreams = Object.fromEntries(DEMO_SERVICES.map((name, i) => [name, `http://${host}:${ports.demo + i}`])) as Record<DemoService, string>;
  const admin = adminCredentials();
  const db = createDb(databaseUrl, { max: 2 });
  const seeded = await seedDemo(db, { upstreams, admin: { ...admin, name: "TTA Admin" } }).finally(() => db.$disconnect());
  if (seeded.configPublished) console.log("Seeded the demo services, routes and the default rate-limit policy.");

  buildConsoleIfNeeded();

  const tsx = ["--import", "tsx"];
  const childEnv = { ...env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  // Issue 3: the gateway's admin API refuses breaker commands without a token; the console sends
  // this one when an operator forces a breaker (and reads live state with it).
  const gatewayAdminToken = env.GATEWAY_ADMIN_TOKEN ?? readOrCreateSecret(join(dataDir, "gateway-admin-token"), 32);
  const demo = startChild("demo", process.execPath, [...tsx, "apps/demo-upstreams/src/main.ts"], { ...childEnv, DEMO_UPSTREAM_BASE_PORT: String(ports.demo) }, root);
  const gateway = startChild("gateway", process.execPath, [...tsx, "apps/gateway/src/main.ts"], {
    ...childEnv,
    GATEWAY_HOST: env.GATEWAY_HOST ?? host,
    GATEWAY_PORT: String(ports.gateway),
    GATEWAY_ADMIN_PORT: String(ports.admin),
    GATEWAY_ADMIN_TOKEN: gatewayAdminToken,
  }, root);
  const consoleUrl = `http://${host}:${ports.console}`;
  const consoleApp = startChild("console", process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(ports.console), "-H", host], {
    ...childEnv,
    NODE_ENV: "production",
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? consoleUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? readOrCreateSecret(join(dataDir, "nextauth-secret"), 32),
    GATEWAY_URL: `http://${host}:${ports.gateway}`,
    GATEWAY_ADMIN_URL: `http://${host}:${ports.admin}`,
    GATEWAY_ADMIN_TOKEN: gatewayAdminToken,
  }, join(root, "apps/console"));
  children.push(demo, gateway, consoleApp);
  for (const c of children) void c.exited.then((code) => { if (!stopping) { console.error(`${c.name} exited (${code}); stopping.`); void shutdown(1); } });

  const dead = (c: Child) => () => c.process.exitCode !== null;
  await Promise.all([
    waitForHttp(`${upstreams.auth}/health`, 30_000, dead(demo)),
    waitForHttp(`http://${host}:${ports.admin}/readyz`, 60_000, dead(gateway)),
    waitForHttp(`${consoleUrl}/signin`, 90_000, dead(consoleApp)),
  ]);
  console.log(`
TTA Gateway is up (standalone).
  Gateway    http://${host}:${ports.gateway}      (routes under /api/…; see README "Call a protected route")
  Admin API  http://${host}:${ports.admin}/readyz
  Console    ${consoleUrl}
  Sign in    ${admin.email} / ${seeded.adminCreated || !env.DATABASE_URL || env.TTA_ADMIN_PASSWORD ? admin.password : "(the admin of this database already existed)"}
  Database   ${embedded ? `embedded PostgreSQL on port ${ports.postgres}, data in ${join(dataDir, "pg")}` : "DATABASE_URL"}
Press Ctrl-C to stop.`);
}

main().catch((error) => {
  console.error(`Start failed: ${(error as Error).message}`);
  void shutdown(1);
});
