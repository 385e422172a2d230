// escalations.history and historyOptions through createCaller on a real database: only resolved
// events, most recently resolved first, each filter narrowing, paging with a total, field errors
// for bad input, and the clinician role enforced (operators and admins get counts only).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { recordTherapeuticEvents, type TherapeuticEventDraft } from "@tta/db";
import { newId } from "@tta/domain";
import { createCaller } from "../../root.ts";
import { addUser, refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

const draft = (over: Partial<TherapeuticEventDraft>): TherapeuticEventDraft => ({
  id: newId("event"),
  type: "suicidal_ideation",
  severity: "high",
  escalated: true,
  userId: "usr_player",
  sessionId: null,
  routeName: "chat-api",
  excerpt: "i want to end it all, mail jo@example.org",
  signals: [{ category: "suicidal_ideation", severity: "high", rule: "suicidal_ideation.p1", match: "want to end it all", path: "$.message" }],
  correlationId: newId("request"),
  detectedAt: new Date(Date.now() - 60_000),
  ...over,
});

describe("escalations.history", () => {
  let env: ConsoleTestEnv;
  const ids: Record<"a" | "b" | "c" | "open", string> = { a: "", b: "", c: "", open: "" };
  let other: Awaited<ReturnType<typeof addUser>>;

  before(async () => {
    env = await setupConsoleTest("console_escalation_history");
    other = await addUser(env.db, "clinician", { email: "other-clinician@tta.local" });
    const drafts = {
      a: draft({ severity: "critical" }),
      b: draft({ severity: "medium", type: "self_harm", routeName: "sessions-api", signals: [{ category: "self_harm", severity: "medium" }, { category: "abuse_disclosure", severity: "low" }] }),
      c: draft({ severity: "high", routeName: "chat-ws" }),
      open: draft({ severity: "critical" }),
    };
    await recordTherapeuticEvents(env.db, Object.values(drafts));
    for (const k of ["a", "b", "c", "open"] as const) ids[k] = drafts[k].id;
    const me = createCaller({ db: env.db, user: env.users.clinician });
    await me.escalations.assign({ id: ids.a, assigneeId: env.users.clinician.id });
    await me.escalations.resolve({ id: ids.a });
    await me.escalations.assign({ id: ids.b, assigneeId: other.id });
    await me.escalations.resolve({ id: ids.b });
    await me.escalations.resolve({ id: ids.c });
    // Resolved at known times, so the date filter has something to tell apart.
    await env.db.therapeuticEvent.update({ where: { id: ids.a }, data: { resolvedAt: new Date("2026-11-01T10:00:00Z") } });
    await env.db.therapeuticEvent.update({ where: { id: ids.b }, data: { resolvedAt: new Date("2026-11-10T10:00:00Z") } });
    await env.db.therapeuticEvent.update({ where: { id: ids.c }, data: { resolvedAt: new Date("2026-11-20T10:00:00Z") } });
  });
  after(async () => env?.tdb.drop());

  const history = (input: Parameters<ReturnType<typeof createCaller>["escalations"]["history"]>[0]) => createCaller({ db: env.db, user: env.users.clinician }).escalations.history(input);
  const idsOf = async (input: Parameters<typeof history>[0]) => (await history(input)).items.map((e) => e.id);

  it("lists resolved events only, most recently resolved first, masked, with the total", async () => {
    const page = await history({});
    assert.deepEqual(page.items.map((e) => e.id), [ids.c, ids.b, ids.a]);
    assert.equal(page.total, 3);
    assert.equal(page.nextCursor, null);
    assert.ok(page.items.every((e) => e.status === "resolved" && e.excerpt.includes("[EMAIL]")));
  });

  it("narrows by severity, category (type or any signal), route, resolved date and assignee", async () => {
    assert.deepEqual(await idsOf({ severity: "critical" }), [ids.a]);
    assert.deepEqual(await idsOf({ category: "self_harm" }), [ids.b]);
    assert.deepEqual(await idsOf({ category: "abuse_disclosure" }), [ids.b], "a signal's category counts too");
    assert.deepEqual(await idsOf({ category: "suicidal_ideation" }), [ids.c, ids.a]);
    assert.deepEqual(await idsOf({ route: "chat-ws" }), [ids.c]);
    assert.deepEqual(await idsOf({ from: new Date("2026-11-05T00:00:00Z"), to: new Date("2026-11-15T00:00:00Z") }), [ids.b]);
    assert.deepEqual(await idsOf({ assigneeId: other.id }), [ids.b]);
    assert.deepEqual(await idsOf({ assigneeId: "none" }), [ids.c]);
    assert.deepEqual(await idsOf({ severity: "critical", route: "chat-ws" }), []);
  });

  it("pages with a cursor", async () => {
    const first = await history({ limit: 2 });
    assert.deepEqual(first.items.map((e) => e.id), [ids.c, ids.b]);
    assert.equal(first.total, 3);
    const second = await history({ limit: 2, cursor: first.nextCursor! });
    assert.deepEqual([second.items.map((e) => e.id), second.nextCursor], [[ids.a], null]);
  });

  it("refuses a backwards date range and unknown severities with field paths", async () => {
    const backwards = await refusal(history({ from: new Date("2026-11-15T00:00:00Z"), to: new Date("2026-11-05T00:00:00Z") }));
    assert.equal(backwards.code, "BAD_REQUEST");
    assert.deepEqual(backwards.fields.map((f) => f.path), ["to"]);
    const severity = await refusal(history({ severity: "urgent" as never }));
    assert.deepEqual(severity.fields.map((f) => f.path), ["severity"]);
  });

  it("historyOptions: the categories, routes and assignees among resolved events", async () => {
    const options = await createCaller({ db: env.db, user: env.users.clinician }).escalations.historyOptions();
    assert.deepEqual(options.categories, ["abuse_disclosure", "self_harm", "suicidal_ideation"]);
    assert.deepEqual(options.routes, ["chat-api", "chat-ws", "sessions-api"]);
    assert.deepEqual(options.assignees.map((a) => a.id).sort(), [env.users.clinician.id, other.id].sort());
  });

  it("operators and admins without the clinician role are refused", async () => {
    for (const user of [env.users.operator, env.users.admin]) {
      const api = createCaller({ db: env.db, user });
      assert.equal((await refusal(api.escalations.history({}))).code, "FORBIDDEN");
      assert.equal((await refusal(api.escalations.historyOptions())).code, "FORBIDDEN");
    }
  });
});
