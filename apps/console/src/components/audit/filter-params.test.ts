import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dateErrors, EMPTY_FILTERS, filterFromForm, formFromParams, paramsFromForm, parseLocalDateTime } from "./filter-params.ts";

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

  it("reads year-first dates in local time; a date alone spans its whole day", () => {
    assert.equal(parseLocalDateTime("2026-12-02")?.getTime(), new Date(2026, 11, 2, 0, 0, 0, 0).getTime());
    assert.equal(parseLocalDateTime("2026-12-02", true)?.getTime(), new Date(2026, 11, 2, 23, 59, 59, 999).getTime());
    assert.equal(parseLocalDateTime(" 2026-12-02 15:04 ")?.getTime(), new Date(2026, 11, 2, 15, 4, 0, 0).getTime());
    assert.equal(parseLocalDateTime("2026-12-02 15:04", true)?.getTime(), new Date(2026, 11, 2, 15, 4, 59, 999).getTime());
    assert.equal(parseLocalDateTime("2026-12-02 15:04:05")?.getTime(), new Date(2026, 11, 2, 15, 4, 5).getTime());
    const to = filterFromForm({ ...EMPTY_FILTERS, from: "2026-12-02", to: "2026-12-02" });
    assert.equal(to.to!.getTime() - to.from!.getTime(), 24 * 3600_000 - 1);
  });

  it("refuses US order, impossible days and times, with a field error naming the format", () => {
    for (const bad of ["12/02/2026", "2026-02-30", "2026-13-01", "2026-12-02 25:00", "2 Dec 2026", "2026-12-2"]) assert.equal(parseLocalDateTime(bad), null, bad);
    assert.deepEqual(dateErrors({ ...EMPTY_FILTERS, from: "12/02/2026", to: "2026-12-02" }), [{ path: "from", message: "not a date: write yyyy-mm-dd, or yyyy-mm-dd hh:mm (24-hour)" }]);
  });
});
