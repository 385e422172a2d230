import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildTimeline, EVENT_ACTIONS, type TimelineInput } from "./timeline.ts";

const at = (s: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, s));
const event: TimelineInput["event"] = { createdAt: at(0), escalated: true, routeName: "chat-api", correlationId: "req_gateway" };
const audit = (action: string, s: number, after: unknown = null) => ({ action, actorLabel: "cli@tta.local", createdAt: at(s), after, correlationId: `req_${s}` });

describe("buildTimeline", () => {
  it("orders created, steps and notes by time, each with its actor and correlation id", () => {
    const timeline = buildTimeline({
      event,
      audits: [
        audit(EVENT_ACTIONS.detected, 0, { excerpt: "masked" }),
        audit(EVENT_ACTIONS.acknowledge, 2),
        audit(EVENT_ACTIONS.assign, 3, { assignee: { id: "usr_1", name: "Cleo Clinician" } }),
        audit(EVENT_ACTIONS.addNote, 4, { noteId: "note_1", body: "called [PHONE]" }),
        audit(EVENT_ACTIONS.resolve, 6),
      ],
      notes: [{ id: "note_1", body: "called 555-123-4567", createdAt: at(4), author: { email: "cli@tta.local" } }],
    });
    assert.deepEqual(
      timeline.map((e) => [e.kind, e.actor, e.text, e.correlationId]),
      [
        ["created", null, "Escalated by the gateway on route chat-api", "req_gateway"],
        ["acknowledged", "cli@tta.local", null, "req_2"],
        ["assigned", "cli@tta.local", "Assigned to Cleo Clinician", "req_3"],
        ["note", "cli@tta.local", "called 555-123-4567", "req_4"], // the note as written, for clinicians
        ["resolved", "cli@tta.local", null, "req_6"],
      ],
    );
  });

  it("keeps a note without an audit row and names unknown actions", () => {
    const timeline = buildTimeline({
      event: { ...event, escalated: false, routeName: null },
      audits: [audit("event.reopen", 5)],
      notes: [{ id: "note_2", body: "later", createdAt: at(1), author: null }],
    });
    assert.deepEqual(timeline.map((e) => [e.kind, e.text, e.actor]), [
      ["created", "Recorded by the gateway", null],
      ["note", "later", null],
      ["other", "event.reopen", "cli@tta.local"],
    ]);
  });

  it("says what a clinician did in the live session, with the message's length and never its text", () => {
    const timeline = buildTimeline({
      event,
      audits: [audit(EVENT_ACTIONS.sessionFollowed, 1, { sessionId: "wss_1" }), audit(EVENT_ACTIONS.sessionMessageSent, 2, { sessionId: "wss_1", length: 42 })],
      notes: [],
    });
    assert.deepEqual(timeline.slice(1).map((e) => [e.kind, e.action, e.text]), [
      ["other", "session.followed", "Followed the live session"],
      ["other", "session.message_sent", "Sent the player a message (42 characters)"],
    ]);
  });
});
