import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EMPTY_FILTERS, filterFromForm, formFromParams, paramsFromForm } from "./filter-params.ts";

describe("audit filter params", () => {
  it("round-trips filters through the URL, leaving blanks out", () => {
    const form = { ...EMPTY_FILTERS, actor: " ada@tta.local ", correlationId: "req_1", from: "2026-11-27T15:04" };
    const params = paramsFromForm(form);
    assert.equal(params.toString(), "actor=ada%40tta.local&correlationId=req_1&from=2026-11-27T15%3A04");
    assert.deepEqual(formFromParams(params), { ...form, actor: "ada@tta.local" });
  });

  it("builds the API filter: trimmed text, dates from local times, bad dates ignored", () => {
    const filter = filterFromForm({ ...EMPTY_FILTERS, action: " event. ", from: "2026-11-27T15:04", to: "nonsense" }, 20);
    assert.equal(filter.action, "event.");
    assert.equal(filter.limit, 20);
    assert.equal(filter.from?.getTime(), new Date("2026-11-27T15:04").getTime());
    assert.equal(filter.to, undefined);
    assert.equal("actor" in filter, false);
  });
});
