// Starts the whole product as `npm start` does (scripts/standalone.ts) on its own ports and a
// throw-away database, and returns the teardown: stop the stack first, then drop the database,
// so nothing is cut from under a running gateway. The stack's output goes to test-results/stack.log.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import pg from "pg";
import { E2E } from "./env.ts";

async function dropDatabase() {
  const admin = new pg.Client({ connectionString: E2E.serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${E2E.databaseName}" with (force)`);
  } finally {
    await admin.end();
  }
}

async function waitUntilUp(url: string, exited: () => number | null, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited() !== null) throw new Error(`the stack exited (${exited()}); see test-results/stack.log`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the stack did not come up within ${timeoutMs} ms; see test-results/stack.log`);
}

export default async function globalSetup() {
  mkdirSync("test-results", { recursive: true });
  const log = createWriteStream("test-results/stack.log");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/standalone.ts"], {
    env: { ...process.env, ...E2E.serverEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitUntilUp(`${E2E.consoleUrl}/signin`, () => child.exitCode, 180_000);
    await waitUntilUp(`${E2E.adminUrl}/readyz`, () => child.exitCode, 30_000);
  } catch (error) {
    child.kill("SIGTERM");
    await exited;
    await dropDatabase();
    throw error;
  }
  return async () => {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    await dropDatabase();
  };
}
