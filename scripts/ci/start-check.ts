// CI: the README's start command, run as a new user would on this clean checkout (before anything
// was generated or built), on free ports. Waits (bounded) for the banner, checks that the gateway
// serves a seeded route end to end and that the console serves its sign-in page, then stops the
// product as Ctrl-C does and checks that nothing is left running or listening.
//   node --import tsx scripts/ci/start-check.ts
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { resolve } from "node:path";
import { pickFreePorts } from "./free-ports.ts";

const root = resolve(import.meta.dirname, "../..");
const BANNER = "TTA Gateway is up (standalone).";
const UP_TIMEOUT_MS = Number(process.env.START_CHECK_TIMEOUT_MS ?? 420_000); // includes the first console build
const STOP_TIMEOUT_MS = 40_000;

/** The command of the README's first shell block that starts the product. */
export function readmeStartCommand(readme: string): string {
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const line = block.split("\n").find((l) => /\bnpm start\b/.test(l));
  if (!line) throw new Error("the README's first sh block has no `npm start` line");
  return line.replace(/\s+#.*$/, "").trim();
}

function fail(message: string): never {
  console.error(`start check FAILED: ${message}`);
  process.exit(1);
}

async function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), done(false)));
    socket.once("error", () => done(true));
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const command = readmeStartCommand(readFileSync(resolve(root, "README.md"), "utf8"));
  const [gateway, admin, consolePort, pgPort, demoBase] = await pickFreePorts([1, 1, 1, 1, 7]);
  const dataDir = ".data/ci-start-check";
  rmSync(resolve(root, dataDir), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEWAY_PORT: String(gateway),
    GATEWAY_ADMIN_PORT: String(admin),
    CONSOLE_PORT: String(consolePort),
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO_UPSTREAM_BASE_PORT: String(demoBase),
    TTA_DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL; // the README's path: the embedded PostgreSQL
  const ports = [gateway!, admin!, consolePort!, pgPort!, ...Array.from({ length: 6 }, (_, i) => demoBase! + i)];
  console.log(`start check: \`${command}\` on ports ${ports.join(", ")}`);

  const started = Date.now();
  const child = spawn("bash", ["-c", command], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pgid = child.pid!;
  let output = "";
  let exitCode: number | null = null;
  let exitSignal: NodeJS.Signals | null = null;
  const exited = new Promise<void>((done) => child.once("exit", (code, signal) => ((exitCode = code), (exitSignal = signal), done())));
  const up = new Promise<void>((done, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
      if (output.includes(BANNER)) done();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => reject(new Error(`the start command ended (${exitSignal ?? exitCode}) before the banner`)));
    setTimeout(() => reject(new Error(`no banner within ${UP_TIMEOUT_MS / 1000} s`)), UP_TIMEOUT_MS).unref();
  });
  const stop = async () => {
    if (groupAlive(pgid)) process.kill(-pgid, "SIGINT"); // what Ctrl-C sends to the foreground group
    const timer = setTimeout(() => groupAlive(pgid) && process.kill(-pgid, "SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 200));
    clearTimeout(timer);
  };

  try {
    await up;
    console.log(`start check: banner after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const gw = `http://127.0.0.1:${gateway}`;
    const login = await fetch(`${gw}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "player" }) });
    if (login.status !== 200) throw new Error(`POST /api/auth/login answered ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken?: string };
    if (!accessToken) throw new Error("the demo login returned no access token");
    const player = await fetch(`${gw}/api/players/42`, { headers: { authorization: `Bearer ${accessToken}` } });
    const playerBody = await player.text();
    if (player.status !== 200) throw new Error(`GET /api/players/42 answered ${player.status}: ${playerBody.slice(0, 200)}`);
    if (player.headers.get("x-tta-config-revision") === null) throw new Error("the answer did not come through the gateway (no x-tta-config-revision)");
    const signin = await fetch(`http://127.0.0.1:${consolePort}/signin`);
    const signinBody = await signin.text();
    if (signin.status !== 200 || !/sign in/i.test(signinBody)) throw new Error(`the console's /signin answered ${signin.status} without a sign-in form`);
    console.log("start check: seeded route answered through the gateway (200), console sign-in page served (200)");
  } catch (error) {
    await stop();
    fail((error as Error).message);
  }

  await stop();
  if (groupAlive(pgid)) fail("processes of the product were still running after Ctrl-C");
  const listening: number[] = [];
  for (const port of ports) if (!(await refused(port))) listening.push(port);
  if (listening.length) fail(`still listening after Ctrl-C: ${listening.join(", ")}`);
  // A shell that runs the command dies of the SIGINT itself (as in a terminal); npm and the
  // product must not fail otherwise.
  const interrupted = exitCode === 0 || exitCode === 130 || exitSignal === "SIGINT";
  if (!interrupted) fail(`the start command ended with ${exitSignal ?? `exit ${exitCode}`} after Ctrl-C (expected exit 0 or SIGINT)`);
  if (!output.includes("Stopping…")) fail("the product did not report that it was stopping");
  console.log(`start check: stopped by Ctrl-C (${exitSignal ?? `exit ${exitCode}`}), nothing left running or listening`);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main();
