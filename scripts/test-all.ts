// `npm test`: every test, in the order that fails fastest. Unit tests, the safety evaluation
// (the crisis detector's precision/recall gate), type check, the migrations/schema drift check,
// integration tests on the real Postgres and Redis, then the console in a real browser
// (Playwright, Debian Chromium).
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const steps: [string, string, string[]][] = [
  ["prisma client", process.execPath, ["scripts/prisma.mjs", "ensure-generated"]],
  ["unit tests", "npm", ["run", "test:unit"]],
  ["safety eval", "npm", ["run", "eval:safety"]],
  ["type check", "npm", ["run", "typecheck"]],
  ["migration drift", "npm", ["run", "db:drift"]],
  ["integration tests", "npm", ["run", "test:integration"]],
  ["console build", "npm", ["run", "build", "-w", "@tta/console"]],
  ["end-to-end tests", "npm", ["run", "test:e2e"]],
];
const only = process.env.TEST_STEPS?.split(",");
for (const [name, cmd, args] of steps) {
  if (only && !only.some((s) => name.startsWith(s))) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  console.log(`=== ${name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
