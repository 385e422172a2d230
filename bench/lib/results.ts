// Where a run's JSON goes: bench/results/<UTC date and time>.json, and the same as latest.json
// (what `npm run bench:table` turns into the README's table). Another bench passes its own name:
// `ws` writes ws-<date>.json and ws-latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const RESULTS_DIR = resolve(import.meta.dirname, "../results");
export const LATEST = join(RESULTS_DIR, "latest.json");

export function writeResult(result: { startedAt: string }, name?: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const prefix = name ? `${name}-` : "";
  const file = join(RESULTS_DIR, `${prefix}${result.startedAt.replace(/:/g, "-").replace(/\.\d+Z$/, "Z")}.json`);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(name ? join(RESULTS_DIR, `${prefix}latest.json`) : LATEST, text);
  return file;
}
