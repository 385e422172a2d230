// The escalation feed against a real PostgreSQL: one LISTEN connection however many subscribers,
// notifications fanned out with ids, and a connection killed under it reopened with a resync
// (notifications sent meanwhile are only in the table), logged once each way.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { CHANNELS, type TEscalationChange } from "@tta/domain";
import type { Envelope } from "./event-hub.ts";
import { createEscalationFeed, type EscalationFeed } from "./escalation-feed.ts";

const APP = "tta-console-escalations";

function collector() {
  const seen: Envelope<TEscalationChange>[] = [];
  const waiters: (() => void)[] = [];
  return {
    seen,
    listener: (e: Envelope<TEscalationChange>) => {
      seen.push(e);
      for (const w of waiters.splice(0)) w();
    },
    async until(check: (seen: Envelope<TEscalationChange>[]) => boolean, timeoutMs = 3_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check(seen)) {
        if (Date.now() > deadline) throw new Error(`timed out; seen ${JSON.stringify(seen.map((e) => e.event))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

describe("escalation feed (Postgres LISTEN)", () => {
  let tdb: TestDatabase;
  let feed: EscalationFeed;
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`), error: (m: string) => logs.push(`error ${m}`) };
  const notify = (id: string) => tdb.db.$executeRaw`select pg_notify(${CHANNELS.therapeuticEvent}, ${id})`;
  const listeners = async () =>
    Number((await tdb.db.$queryRaw<{ n: bigint }[]>`select count(*) as n from pg_stat_activity where application_name = ${APP} and datname = current_database()`)[0]!.n);

  before(async () => {
    tdb = await createTestDatabase("escalation_feed");
    feed = createEscalationFeed({ databaseUrl: tdb.url, log, backoff: { baseMs: 20, capMs: 200 }, pingIntervalMs: 200 });
  });

  after(async () => {
    await feed?.close();
    await tdb?.drop();
  });

  it("fans one connection's notifications out to every subscriber, each subscription starting with a resync", async () => {
    const a = collector();
    const b = collector();
    const offA = feed.subscribe(a.listener);
    feed.subscribe(b.listener);
    assert.deepEqual(a.seen[0]!.event, { type: "resync" });
    await feed.ready();
    await notify("evt_one");
    await a.until((s) => s.some((e) => e.event.type === "event"));
    await b.until((s) => s.some((e) => e.event.type === "event"));
    const eventA = a.seen.find((e) => e.event.type === "event")!;
    assert.deepEqual(eventA.event, { type: "event", eventId: "evt_one" });
    assert.equal(b.seen.find((e) => e.event.type === "event")!.id, eventA.id, "the same tracked id for everyone");
    assert.equal(await listeners(), 1);
    offA();
  });

  it("a subscriber coming back with its last id gets what it missed", async () => {
    const first = collector();
    const off = feed.subscribe(first.listener);
    await notify("evt_two");
    await first.until((s) => s.some((e) => e.event.type === "event" && e.event.eventId === "evt_two"));
    const lastId = first.seen.at(-1)!.id;
    off();
    const watcher = collector(); // tells when evt_three has gone through the hub
    const offWatcher = feed.subscribe(watcher.listener);
    await notify("evt_three");
    await watcher.until((s) => s.some((e) => e.event.type === "event" && e.event.eventId === "evt_three"));
    offWatcher();
    const back = collector();
    feed.subscribe(back.listener, lastId);
    assert.deepEqual(back.seen.map((e) => e.event), [{ type: "event", eventId: "evt_three" }, { type: "resync" }]);
  });

  it("reopens a connection killed under it, says resync, and goes on; the outage is logged once each way", async () => {
    const c = collector();
    feed.subscribe(c.listener);
    const before = c.seen.length;
    await tdb.db.$executeRaw`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${APP} and datname = current_database()`;
    await c.until((s) => s.slice(before).some((e) => e.event.type === "resync"));
    await feed.ready();
    await notify("evt_after");
    await c.until((s) => s.some((e) => e.event.type === "event" && e.event.eventId === "evt_after"));
    assert.equal(await listeners(), 1);
    assert.equal(logs.filter((l) => l.startsWith("warn")).length, 1, logs.join("\n"));
    assert.equal(logs.filter((l) => l.startsWith("info")).length, 1, logs.join("\n"));
  });
});
