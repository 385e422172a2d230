// The escalation queue through createCaller on a real database: a clinician's whole flow with its
// audit rows and timeline, the queue's order, conflicts, operators and admins held to counts, and
// a NOTIFY reaching the live subscription through the console's one LISTEN connection.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { recordTherapeuticEvents, type TherapeuticEventDraft } from "@tta/db";
import { newId, type TEscalationChange } from "@tta/domain";
import type { SessionUser } from "../../../auth/session-user.ts";
import { createEscalationFeed, type EscalationFeed } from "../../../live/escalation-feed.ts";
import { createCaller } from "../../root.ts";
import { addUser, refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

const silent = { info() {}, warn() {}, error() {} };

const draft = (over: Partial<TherapeuticEventDraft> = {}): TherapeuticEventDraft => ({
  id: newId("event"),
  type: "suicidal_ideation",
  severity: "high",
  escalated: true,
  userId: "usr_player",
  sessionId: "ses_1",
  routeName: "chat-api",
  excerpt: "i want to end it all, write to me at jo@example.org",
  signals: [{ category: "suicidal_ideation", severity: "high", rule: "suicidal_ideation.p1", match: "want to end it all", path: "$.message" }],
  correlationId: newId("request"),
  detectedAt: new Date(Date.now() - 60_000),
  ...over,
});

describe("escalations.*", () => {
  let env: ConsoleTestEnv;
  let feed: EscalationFeed;
  let both: SessionUser; // admin and clinician
  const as = (user: SessionUser) => createCaller({ db: env.db, user, escalations: feed });
  const ids = { oldCritical: "", high: "", newCritical: "", medium: "" };

  before(async () => {
    env = await setupConsoleTest("console_escalations");
    feed = createEscalationFeed({ databaseUrl: env.tdb.url, log: silent, pingIntervalMs: 200 });
    both = await addUser(env.db, "clinician", { email: "both@tta.local" });
    await env.db.user.update({ where: { id: both.id }, data: { roles: ["admin", "clinician"] } });
    both = { ...both, roles: ["admin", "clinician"] };
    const now = Date.now();
    const drafts = [
      draft({ severity: "critical", detectedAt: new Date(now - 300_000) }),
      draft({ severity: "high", detectedAt: new Date(now - 400_000) }),
      draft({ severity: "critical", detectedAt: new Date(now - 100_000), type: "self_harm" }),
      draft({ severity: "medium", detectedAt: new Date(now - 500_000), escalated: false }),
    ];
    await recordTherapeuticEvents(env.db, drafts);
    Object.assign(ids, { oldCritical: drafts[0]!.id, high: drafts[1]!.id, newCritical: drafts[2]!.id, medium: drafts[3]!.id });
  });

  after(async () => {
    await feed?.close();
    await env?.tdb.drop();
  });

  it("escalations.queue: crisis first, then the longest waiting; excerpts masked", async () => {
    const queue = await as(env.users.clinician).escalations.queue();
    assert.deepEqual(queue.map((e) => e.id), [ids.oldCritical, ids.newCritical, ids.high, ids.medium]);
    assert.ok(queue.every((e) => e.excerpt.includes("[EMAIL]") && !e.excerpt.includes("jo@example.org")));
    assert.deepEqual(queue[1]!.categories, ["suicidal_ideation"]);
    assert.equal(queue[0]!.status, "open");
    assert.equal((await as(both).escalations.queue()).length, 4, "an admin who is also a clinician sees the queue");
  });

  it("operators and admins without the clinician role get counts, never content or actions", async () => {
    for (const user of [env.users.operator, env.users.admin]) {
      const api = as(user);
      for (const call of [api.escalations.queue(), api.escalations.get({ id: ids.high }), api.escalations.live()]) {
        const refused = await refusal(call);
        assert.equal(refused.code, "FORBIDDEN");
        assert.match(refused.error.message, /clinician role/);
      }
      for (const call of [
        api.escalations.acknowledge({ id: ids.high }),
        api.escalations.assign({ id: ids.high, assigneeId: user.id }),
        api.escalations.addNote({ id: ids.high, body: "peek" }),
        api.escalations.resolve({ id: ids.high }),
      ]) {
        assert.equal((await refusal(call)).code, "FORBIDDEN");
      }
      const counts = await api.escalations.counts();
      assert.deepEqual(counts.byStatus, { open: 4, acknowledged: 0, resolved: 0 });
      assert.deepEqual(counts.bySeverity, { low: 0, medium: 1, high: 1, critical: 2 });
      assert.equal(counts.unresolved, 4);
      assert.doesNotMatch(JSON.stringify(counts), /end it all|EMAIL|chat-api|suicid/);
    }
    assert.equal(await env.db.eventNote.count(), 0);
    assert.equal(await env.db.therapeuticEvent.count({ where: { status: "open" } }), 4);
  });

  it("a clinician acknowledges, assigns to self, adds a note and resolves: audited, in the timeline, counted", async () => {
    const api = as(env.users.clinician);
    const me = env.users.clinician;

    const acknowledged = await api.escalations.acknowledge({ id: ids.high });
    assert.equal(acknowledged.status, "acknowledged");
    assert.ok(acknowledged.acknowledgedAt);
    const again = await refusal(api.escalations.acknowledge({ id: ids.high }));
    assert.equal(again.code, "CONFLICT");
    assert.match(again.error.message, /already acknowledged/);

    const assigned = await api.escalations.assign({ id: ids.high, assigneeId: me.id });
    assert.deepEqual(assigned.assignee, { id: me.id, name: me.name, email: me.email });
    const notClinician = await refusal(api.escalations.assign({ id: ids.high, assigneeId: env.users.operator.id }));
    assert.equal(notClinician.code, "BAD_REQUEST");
    assert.deepEqual(notClinician.fields.map((f) => f.path), ["assigneeId"]);

    const noted = await api.escalations.addNote({ id: ids.high, body: "  Called the player back on 555-123-4567; safe for tonight.  " });
    assert.equal(noted.noteCount, 1);
    const empty = await refusal(api.escalations.addNote({ id: ids.high, body: "   " }));
    assert.deepEqual(empty.fields.map((f) => f.path), ["body"]);

    const resolved = await api.escalations.resolve({ id: ids.high });
    assert.equal(resolved.status, "resolved");
    assert.equal((await refusal(api.escalations.resolve({ id: ids.high }))).code, "CONFLICT");
    assert.equal((await refusal(api.escalations.assign({ id: ids.high, assigneeId: both.id }))).code, "CONFLICT");
    assert.ok(!(await api.escalations.queue()).some((e) => e.id === ids.high), "resolved events leave the queue");

    const detail = await api.escalations.get({ id: ids.high });
    assert.equal(detail.status, "resolved");
    assert.deepEqual(detail.signals.map((s) => s.rule), ["suicidal_ideation.p1"]);
    assert.deepEqual(
      detail.timeline.map((t) => [t.kind, t.actor]),
      [["created", null], ["acknowledged", me.email], ["assigned", me.email], ["note", me.email], ["resolved", me.email]],
    );
    assert.equal(detail.timeline[3]!.text, "Called the player back on 555-123-4567; safe for tonight.");

    const rows = await env.db.auditLog.findMany({ where: { entityType: "therapeutic_event", entityId: ids.high }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(rows.map((r) => r.action), ["event.detected", "event.acknowledge", "event.assign", "event.add_note", "event.resolve"]);
    for (const row of rows.slice(1)) {
      assert.equal(row.actorId, me.id);
      assert.equal(row.actorLabel, me.email);
      assert.match(row.correlationId, /^req_/);
    }
    assert.deepEqual([(rows[1]!.before as { status: string }).status, (rows[1]!.after as { status: string }).status], ["open", "acknowledged"]);
    assert.equal((rows[2]!.after as { assignee: { name: string } }).assignee.name, me.name);
    assert.deepEqual(rows[3]!.after, { noteId: (await env.db.eventNote.findFirstOrThrow()).id, body: "Called the player back on [PHONE]; safe for tonight." });
    assert.equal((rows[4]!.after as { status: string }).status, "resolved");
    assert.equal(detail.timeline[1]!.correlationId, rows[1]!.correlationId);

    const counts = await as(env.users.operator).escalations.counts();
    assert.deepEqual(counts.byStatus, { open: 3, acknowledged: 0, resolved: 1 });
    assert.equal(counts.unresolved, 3);
  });

  it("resolving an open event acknowledges it too; unknown events are 404", async () => {
    const resolved = await as(both).escalations.resolve({ id: ids.medium });
    assert.ok(resolved.acknowledgedAt && resolved.resolvedAt);
    assert.equal((await refusal(as(env.users.clinician).escalations.get({ id: "evt_doesnotexist000000000" }))).code, "NOT_FOUND");
    assert.equal((await refusal(as(env.users.clinician).escalations.acknowledge({ id: "evt_doesnotexist000000000" }))).code, "NOT_FOUND");
  });

  it("escalations.live: a resync first, then every committed change within a second, ids only", async () => {
    const stream = (await as(env.users.clinician).escalations.live()) as AsyncIterable<unknown>;
    const iterator = stream[Symbol.asyncIterator]();
    const next = async () => {
      const { value } = await iterator.next();
      return value as [string, TEscalationChange];
    };
    try {
      const [, first] = await next();
      assert.deepEqual(first, { type: "resync" });
      await feed.ready();

      const fresh = draft({ severity: "critical" });
      const started = Date.now();
      await recordTherapeuticEvents(env.db, [fresh]);
      let [id, change] = await next();
      while (change.type === "resync") [id, change] = await next(); // the LISTEN may have just (re)opened
      assert.deepEqual(change, { type: "event", eventId: fresh.id });
      assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
      assert.match(id, /^[0-9a-f]{8}-\d+$/);

      await as(env.users.clinician).escalations.acknowledge({ id: fresh.id });
      [, change] = await next();
      while (change.type === "resync") [, change] = await next();
      assert.deepEqual(change, { type: "event", eventId: fresh.id });
    } finally {
      await iterator.return?.(); // ends the generator: its subscription goes too
    }
  });
});
