// Runs node:test files through tsx. `unit`: *.test.ts beside the code; `integration`: *.int.test.ts
// (real Postgres, Redis and loopback servers). The files are listed here (one walk, the same SKIP
// list for both kinds) rather than left to --test globs.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const kind = process.argv[2] ?? "unit";
const root = process.cwd();
const SKIP = new Set(["node_modules", ".next", ".git", ".data", "e2e", "generated", "test-results"]);

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith(".test.ts")) out.push(relative(root, path));
  }
  return out;
}

const all = ["packages", "apps", "scripts"].flatMap((d) => walk(join(root, d), []));
const files = all.filter((f) => (kind === "integration" ? f.endsWith(".int.test.ts") : !f.endsWith(".int.test.ts"))).sort();
if (files.length === 0) {
  console.error(`no ${kind} test files found`);
  process.exit(1);
}
const concurrency = kind === "integration" ? "1" : "2";
// A test that hangs fails after this long instead of holding CI until its own limit.
const timeout = kind === "integration" ? "120000" : "30000";
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, `--test-timeout=${timeout}`, ...files], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "test" },
});
process.exit(result.status ?? 1);
