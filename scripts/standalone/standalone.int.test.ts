// The real `npm start` (scripts/standalone.ts) on a throw-away database, console skipped: a hostile
// login body (promises 1000 bytes, sends 10, disconnects) stops nothing; a SIGKILLed demo process is
// restarted and answers again while the gateway stays up; a second start does not print the
// password again; Ctrl-C stops everything in order, with nothing left listening.
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import pg from "pg";

const root = resolve(import.meta.dirname, "../..");
const server = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const dbName = `tta_standalone_${randomBytes(4).toString("hex")}`;
const databaseUrl = Object.assign(new URL(server), { pathname: `/${dbName}` }).toString();
const dataDir = mkdtempSync(join(tmpdir(), "tta-standalone-"));

const canBind = (port: number) =>
  new Promise<boolean>((ok) => {
    const s = createServer().once("error", () => ok(false));
    s.listen(port, "127.0.0.1", () => s.close(() => ok(true)));
  });
async function freePortRun(count: number): Promise<number> {
  for (;;) {
    const base = 24_000 + Math.floor(Math.random() * 8_000);
    let free = true;
    for (let p = base; p < base + count && free; p++) free = await canBind(p);
    if (free) return base;
  }
}

const base = await freePortRun(8);
const ports = { demo: base, gateway: base + 6, admin: base + 7 };
const url = (port: number, path: string) => `http://127.0.0.1:${port}${path}`;

interface Run {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(): Run {
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/standalone.ts"], {
    cwd: root,
    detached: true, // its own group: "Ctrl-C" below is SIGINT to that group, as a terminal sends it
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      TTA_SKIP_CONSOLE: "1",
      TTA_DATA_DIR: dataDir,
      GATEWAY_PORT: String(ports.gateway),
      GATEWAY_ADMIN_PORT: String(ports.admin),
      DEMO_UPSTREAM_BASE_PORT: String(ports.demo),
    },
  });
  let text = "";
  proc.stdout!.on("data", (d) => (text += d));
  proc.stderr!.on("data", (d) => (text += d));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  return { proc, output: () => text, exited };
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve(check()).catch(() => undefined);
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const status = async (u: string, init?: RequestInit) => {
  const res = await fetch(u, { ...init, signal: AbortSignal.timeout(3_000) });
  await res.arrayBuffer();
  return res.status;
};
const login = (port: number, path: string) => status(url(port, path), { method: "POST", headers: { "content-type": "application/json" }, body: '{"username":"player"}' });

function hostileLogin(port: number, path: string): Promise<void> {
  return new Promise((done, fail) => {
    const s = connect(port, "127.0.0.1", () => {
      s.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n0123456789`);
      setTimeout(() => (s.destroy(), done()), 200);
    });
    s.on("error", fail);
  });
}

/** The supervisor's child running `script`. */
function childPid(supervisor: number, script: string): number | undefined {
  const pids = execFileSync("pgrep", ["-P", String(supervisor)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  return pids.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(script);
    } catch {
      return false;
    }
  });
}

async function ctrlC(run: Run): Promise<number | null> {
  process.kill(-run.proc.pid!, "SIGINT");
  return run.exited;
}

const runs: Run[] = [];
after(async () => {
  for (const r of runs) if (r.proc.exitCode === null) await ctrlC(r);
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
});

test("one hostile request stops nothing; a killed child is restarted; Ctrl-C stops everything in order", async () => {
  const run = start();
  runs.push(run);
  await until("the banner", () => run.output().includes("TTA Gateway is up (standalone).") || (run.proc.exitCode !== null ? Promise.reject(new Error(run.output())) : undefined));
  const password = (JSON.parse(readFileSync(join(dataDir, "admin-credentials.json"), "utf8")) as { password: string }).password;
  assert.match(run.output(), new RegExp(`Sign in {4}admin@tta\\.local / ${password.replace(/[-]/g, "\\-")}`), "the first start created the admin: it prints the password");

  for (let i = 0; i < 3; i++) {
    await hostileLogin(ports.demo, "/auth/login");
    await hostileLogin(ports.gateway, "/api/auth/login");
  }
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await login(ports.demo, "/auth/login"), 200, "the auth service still answers");
  assert.equal(await login(ports.gateway, "/api/auth/login"), 200, "through the gateway too");
  assert.equal(await status(url(ports.admin, "/readyz")), 200);
  assert.doesNotMatch(run.output(), /restarting|Error: aborted|unhandled rejection/, "nothing died, nothing was left unhandled");

  const supervisor = childPid(run.proc.pid!, "scripts/standalone.ts") ?? run.proc.pid!;
  const demo = childPid(supervisor, "demo-upstreams/src/main.ts");
  const gateway = childPid(supervisor, "gateway/src/main.ts");
  assert.ok(demo && gateway, "found the demo and gateway processes");
  process.kill(demo, "SIGKILL");
  await until("the restart log line", () => /restarting demo \(SIGKILL, restart #1 in 1 s\)/.test(run.output()));
  const restarted = await until("a new demo process", () => {
    const pid = childPid(supervisor, "demo-upstreams/src/main.ts");
    return pid && pid !== demo ? pid : undefined;
  });
  assert.ok(restarted);
  await until("the auth service again", async () => (await login(ports.demo, "/auth/login")) === 200);
  assert.equal(childPid(supervisor, "gateway/src/main.ts"), gateway, "the gateway was not restarted");
  assert.equal(await status(url(ports.admin, "/readyz")), 200, "and kept answering");
  assert.equal(await login(ports.gateway, "/api/auth/login"), 200);

  assert.equal(await ctrlC(run), 0);
  const out = run.output();
  assert.doesNotMatch(out, /lost its connection|\n\s+at /, "a clean stop: no connection warnings, no stack traces");
  for (const port of [ports.demo, ports.gateway, ports.admin]) assert.ok(await canBind(port), `port ${port} is free again`);
});

test("a second start does not print the password again (it may have been changed in the console)", async () => {
  const run = start();
  runs.push(run);
  await until("the banner", () => run.output().includes("TTA Gateway is up (standalone).") || (run.proc.exitCode !== null ? Promise.reject(new Error(run.output())) : undefined));
  const password = (JSON.parse(readFileSync(join(dataDir, "admin-credentials.json"), "utf8")) as { password: string }).password;
  assert.ok(!run.output().includes(password), run.output());
  assert.match(run.output(), /Sign in {4}admin@tta\.local \/ \(set on an earlier start; see .*admin-credentials\.json if unchanged since\)/);
  assert.equal(await ctrlC(run), 0);
});
