// recordTherapeuticEvents: rows, one audit row each, a NOTIFY per new event at commit, nothing
// twice when a batch is sent again (a lost acknowledgement), and text masked whatever the caller did.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CHANNELS, newId } from "@tta/domain";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { recordTherapeuticEvents, type TherapeuticEventDraft } from "./record.ts";

let t: TestDatabase;
let listener: pg.Client;
const notified: string[] = [];

const draft = (over: Partial<TherapeuticEventDraft> = {}): TherapeuticEventDraft => ({
  id: newId("event"),
  type: "suicidal_ideation",
  severity: "high",
  escalated: true,
  userId: "usr_1",
  sessionId: "ses_1",
  routeName: "chat-api",
  excerpt: "i want to end it all",
  signals: [{ category: "suicidal_ideation", severity: "high", rule: "suicidal_ideation.p1", match: "want to end it all", path: "$.message" }],
  correlationId: newId("request"),
  detectedAt: new Date(Date.now() - 60_000),
  ...over,
});

before(async () => {
  t = await createTestDatabase("events");
  listener = new pg.Client({ connectionString: t.url });
  await listener.connect();
  listener.on("notification", (n) => notified.push(n.payload ?? ""));
  await listener.query(`listen ${CHANNELS.therapeuticEvent}`);
});
after(async () => {
  await listener.end();
  await t.drop();
});

const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok(), what);
};

describe("recordTherapeuticEvents", () => {
  it("inserts open events with their detection time, an audit row each, and notifies", async () => {
    const a = draft();
    const b = draft({ type: "content_violation", severity: "medium", escalated: false });
    const { inserted } = await recordTherapeuticEvents(t.db, [a, b], { id: null, label: "gateway gw-1" });
    assert.deepEqual(inserted.sort(), [a.id, b.id].sort());
    const row = await t.db.therapeuticEvent.findUniqueOrThrow({ where: { id: a.id } });
    assert.equal(row.status, "open");
    assert.equal(row.createdAt.getTime(), a.detectedAt.getTime());
    const audit = await t.db.auditLog.findMany({ where: { entityId: { in: [a.id, b.id] } } });
    assert.equal(audit.length, 2);
    assert.ok(audit.every((r) => r.action === "event.detected" && r.actorLabel === "gateway gw-1" && r.entityType === "therapeutic_event"));
    assert.equal(audit.find((r) => r.entityId === a.id)!.correlationId, a.correlationId);
    await until("two notifications", () => [a.id, b.id].every((id) => notified.includes(id)));
  });

  it("sent again, inserts, audits and notifies nothing twice", async () => {
    const a = draft();
    await recordTherapeuticEvents(t.db, [a]);
    const again = await recordTherapeuticEvents(t.db, [a, draft({ id: a.id, excerpt: "other" })]);
    assert.deepEqual(again.inserted, []);
    assert.equal(await t.db.therapeuticEvent.count({ where: { id: a.id } }), 1);
    assert.equal(await t.db.auditLog.count({ where: { entityId: a.id } }), 1);
    await until("the notification", () => notified.includes(a.id));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(notified.filter((id) => id === a.id).length, 1);
  });

  it("masks PII in excerpts, signals and the audit row even when the caller did not", async () => {
    const a = draft({
      excerpt: "call me on 555-123-4567 or mail jo@example.org, i want to end it all",
      signals: [{ category: "suicidal_ideation", severity: "high", match: "jo@example.org", path: "$.message" }],
      details: { note: "ssn 123-45-6789" },
    });
    await recordTherapeuticEvents(t.db, [a]);
    const row = await t.db.therapeuticEvent.findUniqueOrThrow({ where: { id: a.id } });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: a.id } });
    const text = JSON.stringify([row, audit]);
    for (const pii of ["555-123-4567", "jo@example.org", "123-45-6789"]) assert.ok(!text.includes(pii), pii);
    assert.match(row.excerpt, /\[PHONE\].*\[EMAIL\]/);
  });
});
