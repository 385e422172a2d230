import { test } from "node:test";
import assert from "node:assert/strict";
import type { TherapeuticEventDraft } from "@tta/db";
import { captureLogger } from "../testing/capture-logger.ts";
import { EventQueue } from "./event-queue.ts";
import { EventWriter } from "./event-writer.ts";

const draft = (id: string) => ({ id, escalated: true }) as TherapeuticEventDraft;
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ok());
};

function setup(options: { batchSize?: number } = {}) {
  const queue = new EventQueue(100);
  const logs = captureLogger("info");
  const written: string[][] = [];
  const counts = { written: 0, retried: 0 };
  let down = false;
  const writer = new EventWriter({
    queue,
    log: logs.logger,
    batchSize: options.batchSize,
    retryBaseMs: 5,
    retryMaxMs: 20,
    write: async (batch) => {
      if (down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      written.push(batch.map((e) => e.id));
    },
    onWritten: (n) => void (counts.written += n),
    onRetry: (n) => void (counts.retried += n),
  });
  const push = (...ids: string[]) => {
    for (const id of ids) queue.push(draft(id));
    writer.kick();
  };
  return { queue, logs, written, counts, writer, push, setDown: (v: boolean) => void (down = v) };
}

test("writes queued events in batches, oldest first", async () => {
  const t = setup({ batchSize: 2 });
  t.push("a", "b", "c");
  await until(() => t.queue.size === 0);
  assert.deepEqual(t.written.flat(), ["a", "b", "c"]);
  assert.ok(t.written.every((b) => b.length <= 2));
  assert.equal(t.counts.written, 3);
});

test("while the database is away the batch is tried again; the outage is logged once each way; nothing is lost", async () => {
  const t = setup();
  t.setDown(true);
  t.push("a");
  await until(() => t.counts.retried >= 3);
  t.push("b");
  assert.equal(t.written.length, 0);
  t.setDown(false);
  await until(() => t.queue.size === 0);
  assert.deepEqual(t.written.flat(), ["a", "b"]);
  assert.equal(t.logs.lines.filter((l) => /is unavailable/.test(String(l.msg))).length, 1);
  assert.equal(t.logs.lines.filter((l) => /is back$/.test(String(l.msg))).length, 1);
});

test("close writes what is queued, or gives up at its deadline and says how many are left", async () => {
  const ok = setup();
  ok.push("a", "b");
  assert.equal(await ok.writer.close(1_000), 0);
  assert.deepEqual(ok.written.flat(), ["a", "b"]);

  const away = setup();
  away.setDown(true);
  away.push("a", "b");
  const started = Date.now();
  assert.equal(await away.writer.close(150), 2);
  assert.ok(Date.now() - started < 1_000);
});
