import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TEscalationSummary } from "@tta/domain/browser";
import { HIGHLIGHT_MS, isHighlighted, mostSevere, NO_ARRIVALS, noteQueue } from "./arrivals.ts";

const event = (id: string, severity: TEscalationSummary["severity"] = "high"): TEscalationSummary => ({
  id, type: "suicidal_ideation", severity, status: "open", escalated: true, routeName: "chat-api", excerpt: "…", categories: [],
  createdAt: new Date(0), acknowledgedAt: null, resolvedAt: null, assignee: null, noteCount: 0,
  repeatCount: 1, lastSeenAt: new Date(0),
});

describe("queue arrivals", () => {
  it("treats the first load as known, and later ids as arrivals, highlighted for a while", () => {
    const first = noteQueue(NO_ARRIVALS, [event("evt_a"), event("evt_b")], 1_000);
    assert.deepEqual(first.arrived, []);
    const second = noteQueue(first.state, [event("evt_c", "critical"), event("evt_a"), event("evt_b")], 2_000);
    assert.deepEqual(second.arrived.map((e) => e.id), ["evt_c"]);
    assert.ok(isHighlighted(second.state, "evt_c", 2_000 + HIGHLIGHT_MS - 1));
    assert.ok(!isHighlighted(second.state, "evt_c", 2_000 + HIGHLIGHT_MS));
    assert.ok(!isHighlighted(second.state, "evt_a", 2_000));
  });

  it("announces an id once, even when it leaves the queue and comes back; the same load changes nothing", () => {
    const first = noteQueue(NO_ARRIVALS, [], 0);
    const arrived = noteQueue(first.state, [event("evt_a")], 10);
    const gone = noteQueue(arrived.state, [], 20);
    const back = noteQueue(gone.state, [event("evt_a")], 30);
    assert.deepEqual(back.arrived, []);
    assert.equal(noteQueue(back.state, [event("evt_a")], 40).state, back.state);
  });

  it("names the most severe arrival", () => {
    assert.equal(mostSevere([event("a", "medium"), event("b", "critical"), event("c", "high")]), "critical");
    assert.equal(mostSevere([]), null);
  });
});
