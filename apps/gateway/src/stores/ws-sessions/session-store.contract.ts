// What every SessionStore must do, run against each implementation (session-store.int.test.ts).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { frameText, type SessionRecord, type SessionStore } from "./interface.ts";

export interface SessionStoreUnderTest {
  store: SessionStore;
  close(): Promise<void>;
}

const limits = { maxFrames: 5, ttlMs: 60_000 };
let n = 0;
const record = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  id: `ses_contract${++n}_${Math.random().toString(36).slice(2, 8)}`,
  userId: "usr_1",
  subject: "user:usr_1",
  route: "chat-ws",
  epoch: "ep1",
  tokenHash: "hash",
  rooms: [],
  crisisEventId: null,
  owner: "gw-a",
  createdAt: 1,
  ...over,
});

export function sessionStoreContract(name: string, make: () => Promise<SessionStoreUnderTest>): void {
  describe(`websocket session store contract: ${name}`, () => {
    let subject: SessionStoreUnderTest;
    let store: SessionStore;
    before(async () => {
      subject = await make();
      store = subject.store;
    });
    after(() => subject.close());

    test("a created session reads back as it was; updates change only what they name", async () => {
      const r = record();
      await store.create(r, 60_000);
      assert.deepEqual(await store.get(r.id), r);
      await store.update(r.id, { rooms: ["lobby", "quest:1"], owner: null }, 60_000);
      assert.deepEqual(await store.get(r.id), { ...r, rooms: ["lobby", "quest:1"], owner: null });
      await store.update(r.id, { rooms: [], crisisEventId: "evt_1" }, 60_000);
      assert.deepEqual(await store.get(r.id), { ...r, rooms: [], owner: null, crisisEventId: "evt_1" });
      assert.equal(await store.get("ses_nobody"), null);
    });

    test("frames get offsets 1, 2, 3… and replay after an offset in order, complete", async () => {
      const r = record();
      await store.create(r, 60_000);
      const offsets = [];
      for (const text of ["a", "b", "c"]) offsets.push(await store.append(r.id, JSON.stringify({ type: "message", data: text }), limits));
      assert.deepEqual(offsets, [1, 2, 3]);
      const replay = await store.after(r.id, 1, 60_000);
      assert.equal(replay.complete, true);
      assert.equal(replay.last, 3);
      assert.deepEqual(replay.frames.map(frameText), ['{"offset":2,"type":"message","data":"b"}', '{"offset":3,"type":"message","data":"c"}']);
      assert.deepEqual(await store.after(r.id, 3, 60_000), { frames: [], complete: true, last: 3 });
    });

    test("a gap is reported: frames dropped by the length bound, or an offset never given", async () => {
      const r = record();
      await store.create(r, 60_000);
      for (let i = 1; i <= 8; i++) await store.append(r.id, JSON.stringify({ i }), limits);
      const fromStart = await store.after(r.id, 1, 60_000);
      assert.equal(fromStart.complete, false, "frames 2 and 3 were dropped (5 kept)");
      assert.deepEqual(fromStart.frames.map((f) => f.offset), [4, 5, 6, 7, 8]);
      const recent = await store.after(r.id, 3, 60_000);
      assert.equal(recent.complete, true);
      assert.equal((await store.after(r.id, 99, 60_000)).complete, false);
      assert.equal((await store.after("ses_gone", 2, 60_000)).complete, false, "an expired session cannot fill a gap");
    });

    test("a holder keeps frames under offsets it chose: a taken offset is refused, a hole makes a replay across it incomplete", async () => {
      const r = record();
      await store.create(r, 60_000);
      const frame = (offset: number, body: unknown, sessionId = r.id) => ({ sessionId, offset, body: JSON.stringify(body), limits });
      assert.deepEqual(await store.keep([frame(1, { i: 1 }), frame(2, { i: 2 })]), [true, true]);
      assert.deepEqual(await store.keep([frame(2, { again: true })]), [false], "a taken offset is refused");
      assert.deepEqual(await store.keep([]), []);
      assert.deepEqual(await store.keep([frame(4, { i: 4 })]), [true]); // 3 could not be kept
      const across = await store.after(r.id, 1, 60_000);
      assert.deepEqual([across.frames.map((f) => f.offset), across.complete, across.last], [[2, 4], false, 4]);
      const after = await store.after(r.id, 3, 60_000);
      assert.deepEqual([after.frames.map((f) => f.offset), after.complete], [[4], true]);
      assert.equal(await store.append(r.id, JSON.stringify({ i: 5 }), limits), 5, "append goes on after the holder's offsets");
    });

    test("one batch keeps a frame per session of a room, each under its own offset, refusing only the taken ones", async () => {
      const [a, b] = [record(), record()];
      await store.create(a, 60_000);
      await store.create(b, 60_000);
      const frame = (sessionId: string, offset: number) => ({ sessionId, offset, body: JSON.stringify({ room: "lobby", offset }), limits });
      assert.deepEqual(await store.keep([frame(a.id, 1), frame(b.id, 3)]), [true, true]);
      assert.deepEqual(await store.keep([frame(a.id, 2), frame(b.id, 3), frame(a.id, 3)]), [true, false, true], "b's 3 was taken; a goes on in order");
      const [ra, rb] = [await store.after(a.id, 0, 60_000), await store.after(b.id, 0, 60_000)];
      assert.deepEqual([ra.frames.map((f) => f.offset), ra.complete], [[1, 2, 3], true]);
      assert.deepEqual([rb.frames.map((f) => JSON.parse(f.body).offset), rb.last], [[3], 3]);
    });

    test("frames older than the age bound are not replayed and make the replay incomplete", async () => {
      const r = record();
      await store.create(r, 60_000);
      await store.append(r.id, JSON.stringify({ i: 1 }), limits);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await store.append(r.id, JSON.stringify({ i: 2 }), limits);
      const replay = await store.after(r.id, 0, 20);
      assert.deepEqual(replay.frames.map((f) => f.offset), [2]);
      assert.equal(replay.complete, false);
    });

    test("a session expires after its time to live", async () => {
      const r = record();
      await store.create(r, 50);
      await new Promise((resolve) => setTimeout(resolve, 120));
      assert.equal(await store.get(r.id), null);
    });
  });
}
