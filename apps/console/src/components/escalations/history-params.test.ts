import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { auditTrailHref } from "./audit-trail.ts";
import { dayBound, EMPTY_HISTORY, historyFilterFromForm, historyFormFromParams, historyParamsFromForm } from "./history-params.ts";

describe("history params", () => {
  it("round-trips the filters through the URL, leaving out empty ones", () => {
    const form = { ...EMPTY_HISTORY, severity: "high", route: "chat-api", from: "2026-11-01" };
    const params = historyParamsFromForm(form);
    assert.equal(params.toString(), "severity=high&route=chat-api&from=2026-11-01");
    assert.deepEqual(historyFormFromParams(params), form);
  });

  it("turns days into the API's bounds: from the first to the last millisecond", () => {
    const filter = historyFilterFromForm({ ...EMPTY_HISTORY, from: "2026-11-01", to: "2026-11-02", severity: "urgent", assignee: "none" });
    assert.equal(filter.from!.getTime(), new Date(2026, 10, 1).getTime());
    assert.equal(filter.to!.getTime(), new Date(2026, 10, 3).getTime() - 1);
    assert.equal(filter.severity, undefined, "an unknown severity is left out");
    assert.equal(filter.assigneeId, "none");
    assert.equal(dayBound("yesterday", false), undefined);
  });

  it("links an event to its audit rows with the audit page's parameters", () => {
    assert.equal(auditTrailHref("evt_abc123"), "/audit?entityType=therapeutic_event&entityId=evt_abc123");
  });
});
