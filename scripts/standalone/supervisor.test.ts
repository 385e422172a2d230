// The supervisor with real (tiny) child processes and a fast restart policy.
import assert from "node:assert/strict";
import { test } from "node:test";
import { stopInOrder, supervise } from "./supervisor.ts";

const policy = { baseMs: 20, capMs: 80, stableMs: 5_000, maxFastExits: 4 };
const node = (code: string) => ({ command: process.execPath, args: ["-e", code], env: process.env });
const until = async (ok: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

test("a child that keeps dying fast is restarted with backoff, each restart logged with its exit code, then given up on", async () => {
  const lines: string[] = [];
  const s = supervise({ name: "demo", ...node("process.exit(3)") }, { policy, log: (l) => lines.push(l) });
  await until(() => s.gaveUp);
  assert.deepEqual(lines.slice(0, 3), [
    "restarting demo (exit 3, restart #1 in 20 ms)",
    "restarting demo (exit 3, restart #2 in 40 ms)",
    "restarting demo (exit 3, restart #3 in 80 ms)",
  ]);
  assert.match(lines[3]!, /^demo keeps dying \(exit 3; 4 times in a row within 5 s of starting\): not restarting it again\. The rest stays up/);
  assert.equal(s.restarts, 3);
  await s.stop();
});

test("a killed child comes back; stop() ends it for good", async () => {
  const lines: string[] = [];
  const s = supervise({ name: "gateway", ...node("setInterval(() => {}, 1000)") }, { policy, log: (l) => lines.push(l) });
  const first = s.child.process.pid;
  s.child.process.kill("SIGKILL");
  await until(() => s.restarts === 1 && s.child.process.pid !== first);
  assert.deepEqual(lines, ["restarting gateway (SIGKILL, restart #1 in 20 ms)"]);
  await s.stop(1_000);
  assert.equal(s.child.process.signalCode, "SIGTERM");
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(s.restarts, 1, "no restart after stop()");
  assert.equal(lines.length, 1);
});

test("stopInOrder stops each group only after the one before it has stopped", async () => {
  const events: string[] = [];
  const stoppable = (name: string, ms: number) => ({
    name,
    stop: async () => {
      events.push(`${name} stopping`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name} stopped`);
    },
  });
  await stopInOrder([[stoppable("console", 30), stoppable("gateway", 10)], [stoppable("demo", 5)], [stoppable("postgres", 1)]]);
  assert.deepEqual(events, ["console stopping", "gateway stopping", "gateway stopped", "console stopped", "demo stopping", "demo stopped", "postgres stopping", "postgres stopped"]);
});
