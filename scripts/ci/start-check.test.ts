import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { pickFreePorts } from "./free-ports.ts";
import { readmeStartCommand } from "./start-check.ts";

test("the start check runs the command the README's first block shows", () => {
  const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
  assert.equal(readmeStartCommand(readme), "npm install && npm start");
  assert.equal(readmeStartCommand("# x\n```sh\nnpm ci && npm start   # go\nnpm test\n```\n"), "npm ci && npm start");
  assert.throws(() => readmeStartCommand("```sh\nnpm test\n```"), /no `npm start` line/);
});

test("free ports are below 32768, consecutive per run, disjoint, and skip a port in use", async () => {
  const busy = createServer();
  await new Promise<void>((done) => busy.listen(20_500, "127.0.0.1", done));
  try {
    // The first candidate overlaps the busy port; the next one does not.
    const draws = [(20_498 - 20_000) / 12_000, 0.5, 0.5, 0.9];
    const [a, b] = await pickFreePorts([5, 3], () => draws.shift() ?? Math.random());
    assert.ok(a! + 5 <= 32_768 && b! + 3 <= 32_768);
    assert.ok(a! > 20_500 || a! + 5 <= 20_500, "the run holding the busy port was skipped");
    assert.ok(a! + 5 <= b! || b! + 3 <= a!, "runs do not overlap");
  } finally {
    busy.close();
  }
});
