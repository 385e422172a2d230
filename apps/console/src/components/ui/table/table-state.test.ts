import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyTable, nextSort, pageOf, readTableState, writeTableState, type TableSpec } from "./table-state.ts";

interface Row {
  name: string;
  priority: number;
  host: string | null;
}
const rows: Row[] = Array.from({ length: 45 }, (_, i) => ({ name: `route-${i + 1}`, priority: i % 3, host: i % 2 ? `h${i}.example` : null }));
const spec: TableSpec<Row> = {
  text: (r) => [r.name, r.host],
  sorts: { name: (r) => r.name, priority: (r) => r.priority, host: (r) => r.host },
  filters: { host: (r, v) => (v === "any" ? r.host === null : r.host !== null) },
};
const state = (over: Partial<ReturnType<typeof readTableState>> = {}) => ({ ...readTableState(new URLSearchParams()), ...over });

describe("table state in the URL", () => {
  it("reads what it wrote, with a prefix, leaving defaults out", () => {
    const defaults = { id: "rl", sort: { key: "name", dir: "asc" as const }, filters: ["host"] };
    const written = writeTableState(new URLSearchParams("other=1"), { search: "api", sort: { key: "priority", dir: "desc" }, filters: { host: "any" }, page: 3, pageSize: 20 }, defaults);
    assert.equal(written.toString(), "other=1&rl.q=api&rl.sort=-priority&rl.page=3&rl.host=any");
    assert.deepEqual(readTableState(written, defaults), { search: "api", sort: { key: "priority", dir: "desc" }, filters: { host: "any" }, page: 3, pageSize: 20 });
    const plain = writeTableState(written, { search: "", sort: { key: "name", dir: "asc" }, filters: {}, page: 1, pageSize: 20 }, defaults);
    assert.equal(plain.toString(), "other=1");
  });

  it("falls back on nonsense pages and an absent sort", () => {
    const read = readTableState(new URLSearchParams("page=-2&sort="), { sort: { key: "name", dir: "desc" } });
    assert.equal(read.page, 1);
    assert.deepEqual(read.sort, { key: "name", dir: "desc" });
  });

  it("sorts a new column ascending and flips the sorted one", () => {
    assert.deepEqual(nextSort(null, "name"), { key: "name", dir: "asc" });
    assert.deepEqual(nextSort({ key: "name", dir: "asc" }, "name"), { key: "name", dir: "desc" });
    assert.deepEqual(nextSort({ key: "name", dir: "desc" }, "host"), { key: "host", dir: "asc" });
  });
});

describe("applyTable", () => {
  it("pages: 21–40 of 45, and the last page holds the rest", () => {
    const second = applyTable(rows, state({ page: 2 }), spec);
    assert.deepEqual([second.from, second.to, second.total, second.pageCount], [21, 40, 45, 3]);
    assert.equal(second.rows[0]!.name, "route-21");
    const beyond = applyTable(rows, state({ page: 9 }), spec);
    assert.deepEqual([beyond.page, beyond.from, beyond.to, beyond.rows.length], [3, 41, 45, 5]);
  });

  it("searches any text field, ignoring case", () => {
    const found = applyTable(rows, state({ search: "ROUTE-4" }), spec);
    assert.deepEqual(found.rows.map((r) => r.name), ["route-4", "route-40", "route-41", "route-42", "route-43", "route-44", "route-45"]);
    assert.equal(applyTable(rows, state({ search: "h3.example" }), spec).total, 1);
  });

  it("sorts naturally both ways, blanks last, ties in their first order", () => {
    const asc = applyTable(rows, state({ sort: { key: "name", dir: "asc" }, pageSize: 100 }), spec).rows.map((r) => r.name);
    assert.deepEqual(asc.slice(0, 3), ["route-1", "route-2", "route-3"]);
    const desc = applyTable(rows, state({ sort: { key: "name", dir: "desc" }, pageSize: 100 }), spec).rows.map((r) => r.name);
    assert.deepEqual(desc.slice(0, 2), ["route-45", "route-44"]);
    const byHost = applyTable(rows, state({ sort: { key: "host", dir: "desc" }, pageSize: 100 }), spec).rows;
    assert.equal(byHost.at(-1)!.host, null);
    assert.equal(byHost[0]!.host, "h43.example");
    const byPriority = applyTable(rows, state({ sort: { key: "priority", dir: "asc" }, pageSize: 3 }), spec).rows.map((r) => r.name);
    assert.deepEqual(byPriority, ["route-1", "route-4", "route-7"]);
  });

  it("filters, and counts what is left", () => {
    const view = applyTable(rows, state({ filters: { host: "any" } }), spec);
    assert.equal(view.total, 23);
    assert.ok(view.rows.every((r) => r.host === null));
    assert.deepEqual(pageOf(0, 1, 20), { total: 0, page: 1, pageCount: 1, from: 0, to: 0 });
  });
});
