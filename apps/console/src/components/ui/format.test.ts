import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseLocalDateTime } from "../audit/filter-params.ts";
import { formatTime } from "./format.ts";

describe("formatTime", () => {
  it("writes local times year first, 24-hour, padded", () => {
    assert.equal(formatTime(new Date(2026, 11, 2, 9, 4, 5)), "2026-12-02 09:04:05");
    assert.equal(formatTime(new Date(2026, 0, 31, 23, 59, 0)), "2026-01-31 23:59:00");
  });

  it("is what the audit date filter reads back", () => {
    const at = new Date(2026, 5, 7, 18, 30, 12);
    assert.equal(parseLocalDateTime(formatTime(at))?.getTime(), at.getTime());
  });
});
