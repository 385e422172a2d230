import { test } from "node:test";
import assert from "node:assert/strict";
import type { TherapeuticEventDraft } from "@tta/db";
import { EventQueue } from "./event-queue.ts";

const draft = (id: string, escalated = false) => ({ id, escalated }) as TherapeuticEventDraft;

test("first in, first out; peeked events stay until dropped", () => {
  const q = new EventQueue(10);
  for (const id of ["a", "b", "c"]) q.push(draft(id));
  assert.deepEqual(q.peek(2).map((e) => e.id), ["a", "b"]);
  assert.equal(q.size, 3);
  q.drop(2);
  assert.deepEqual(q.peek(5).map((e) => e.id), ["c"]);
  q.drop(5);
  assert.equal(q.size, 0);
});

test("the last tenth is kept for escalated events", () => {
  const q = new EventQueue(10);
  for (let i = 0; i < 9; i++) assert.equal(q.push(draft(`m${i}`)), true);
  assert.equal(q.push(draft("m9")), false, "a monitoring event does not take the reserve");
  assert.equal(q.push(draft("crisis", true)), true);
  assert.equal(q.push(draft("crisis-2", true)), false, "full");
  assert.equal(q.size, 10);
});

test("draining a long queue keeps memory bounded (compaction) and the order", () => {
  const q = new EventQueue(5_000);
  for (let i = 0; i < 3_000; i++) q.push(draft(String(i)));
  for (let i = 0; i < 2_900; i += 100) q.drop(100);
  assert.deepEqual(q.peek(2).map((e) => e.id), ["2900", "2901"]);
  assert.equal(q.size, 100);
});
