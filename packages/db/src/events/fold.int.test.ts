// Folding in recordTherapeuticEvents: detections marked `fold` (a client over its rate limit) join
// the newest unresolved event of their foldKey as repeat rows, with the event's count, last seen
// time and severity raised; nothing is dropped, nothing counted twice when a batch is sent again,
// a resolved event is never reopened, and the id a repeat's answer named opens its event.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId } from "@tta/domain";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { getEscalation } from "./detail.ts";
import { listEscalationQueue } from "./queue.ts";
import { recordTherapeuticEvents, type TherapeuticEventDraft } from "./record.ts";

let t: TestDatabase;
const base = Date.now() - 60_000;
const draft = (key: string, i: number, over: Partial<TherapeuticEventDraft> = {}): TherapeuticEventDraft => ({
  id: newId("event"),
  type: "suicidal_ideation",
  severity: "high",
  escalated: true,
  userId: null,
  sessionId: null,
  routeName: "chat",
  excerpt: `i want to end it all (${i})`,
  signals: [{ category: "suicidal_ideation", severity: "high", rule: "suicidal_ideation.p1", match: "want to end it all", path: "$.message" }],
  correlationId: newId("request"),
  detectedAt: new Date(base + i),
  foldKey: key,
  fold: i > 0,
  ...over,
});

before(async () => void (t = await createTestDatabase("eventfold")));
after(async () => void (await t.drop()));

describe("folding repeats into the open event", () => {
  it("one event for a flood: 50 detections in batches, sent twice, count 50, every repeat kept", async () => {
    const drafts = Array.from({ length: 50 }, (_, i) => draft("k-flood", i, i === 30 ? { severity: "critical" } : {}));
    for (let i = 0; i < 50; i += 7) await recordTherapeuticEvents(t.db, drafts.slice(i, i + 7));
    const again = await recordTherapeuticEvents(t.db, drafts.slice(0, 20));
    assert.deepEqual(again, { inserted: [], folded: [] }, "a batch sent again writes nothing");
    const events = await t.db.therapeuticEvent.findMany({ where: { foldKey: "k-flood" } });
    assert.equal(events.length, 1);
    const [event] = events;
    assert.deepEqual([event!.id, event!.repeatCount, event!.severity, event!.lastSeenAt?.getTime()], [drafts[0]!.id, 50, "critical", base + 49]);
    const repeats = await t.db.therapeuticEventRepeat.findMany({ where: { eventId: event!.id }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(repeats.map((r) => r.id), drafts.slice(1).map((d) => d.id));
    assert.equal(repeats.at(-1)!.excerpt, "i want to end it all (49)", "the latest excerpt is kept");
    assert.equal(await t.db.auditLog.count({ where: { entityId: event!.id, action: "event.repeated" } }), 49);
    const summary = (await listEscalationQueue(t.db)).find((s) => s.id === event!.id)!;
    assert.deepEqual([summary.repeatCount, summary.lastSeenAt.getTime()], [50, base + 49]);
    const detail = await getEscalation(t.db, drafts[10]!.id);
    assert.equal(detail.id, event!.id, "a repeat's id opens the event it joined");
    const repeated = detail.timeline.filter((e) => e.kind === "repeated");
    assert.equal(repeated.length, 49);
    assert.ok(repeated.some((e) => e.text === "Detected again (critical)"));
  });

  it("within one batch the first detection opens the event the others join", async () => {
    const drafts = Array.from({ length: 5 }, (_, i) => draft("k-batch", i));
    const { inserted, folded } = await recordTherapeuticEvents(t.db, drafts);
    assert.deepEqual([inserted, folded.length], [[drafts[0]!.id], 4]);
  });

  it("detections not marked fold, other keys and resolved events are never joined", async () => {
    const first = draft("k-other", 0);
    await recordTherapeuticEvents(t.db, [first, draft("k-other", 1, { fold: false }), draft("k-else", 1)]);
    assert.equal(await t.db.therapeuticEvent.count({ where: { foldKey: { in: ["k-other", "k-else"] } } }), 3);
    await t.db.therapeuticEvent.updateMany({ where: { foldKey: "k-other" }, data: { status: "resolved" } });
    const late = draft("k-other", 2);
    assert.deepEqual((await recordTherapeuticEvents(t.db, [late])).inserted, [late.id], "a resolved event is not reopened: a new one opens");
  });

  it("two writers folding the same key at once open one event", async () => {
    const drafts = Array.from({ length: 20 }, (_, i) => draft("k-race", i + 1));
    await Promise.all([recordTherapeuticEvents(t.db, drafts.slice(0, 10)), recordTherapeuticEvents(t.db, drafts.slice(10))]);
    const events = await t.db.therapeuticEvent.findMany({ where: { foldKey: "k-race" } });
    assert.deepEqual([events.length, events[0]!.repeatCount], [1, 20]);
  });
});
