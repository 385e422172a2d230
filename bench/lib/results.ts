// Where a run's JSON goes: bench/results/<UTC date and time>.json, and the same as latest.json
// (what `npm run bench:table` turns into the README's table).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const RESULTS_DIR = resolve(import.meta.dirname, "../results");
export const LATEST = join(RESULTS_DIR, "latest.json");

export function writeResult(result: { startedAt: string }): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.startedAt.replace(/:/g, "-").replace(/\.\d+Z$/, "Z")}.json`);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(LATEST, text);
  return file;
}
