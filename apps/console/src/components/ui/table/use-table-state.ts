"use client";
// The table toolkit's hook: search, sort, filters and page kept in the URL's query, so a link or a
// reload shows the same rows. How a list page uses it (routes-table.tsx is a full example):
//
//   const table = useTableState({ sort: { key: "name", dir: "asc" }, filters: ["enabled"] });
//   const view = applyTable(rows, table.state, { text: (r) => [r.name], sorts: { name: (r) => r.name } });
//   <TableToolbar label="Services" table={table} placeholder="Name or environment">
//     <TableFilter table={table} name="enabled" label="Enabled" options={[["yes", "Enabled"], ["no", "Disabled"]]} />
//   </TableToolbar>
//   <DataTable label="Services" columns={[{ label: "Name", sort: "name" }, …]} sorting={table}>…view.rows…</DataTable>
//   <TablePager label="Services" view={view} onPage={table.setPage} />
//
// A page with two tables gives each an `id` ("rl", "auth"): their query keys become "rl.q", "rl.sort".
// A table that pages on the server (audit, revisions) sends `table.state` to its procedure and hands
// the pager `pageOf(total, page, pageSize)` instead.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo } from "react";
import { rememberListQuery } from "./remembered-list";
import { nextSort, readTableState, writeTableState, type TableDefaults, type TableState } from "./table-state";

export interface TableControls {
  state: TableState;
  setSearch: (search: string) => void;
  toggleSort: (key: string) => void;
  setFilter: (name: string, value: string) => void;
  setPage: (page: number) => void;
}

export function useTableState(defaults: TableDefaults = {}): TableControls {
  const params = useSearchParams();
  const pathname = usePathname();
  const query = params.toString();
  const { id, pageSize } = defaults;
  const sortKey = defaults.sort ? `${defaults.sort.key}:${defaults.sort.dir}` : "";
  const filterKey = (defaults.filters ?? []).join(",");
  // The defaults rebuilt from primitives, so that callers may pass a fresh object each render.
  const stable = useMemo<TableDefaults>(() => {
    const [key, dir] = sortKey.split(":");
    return { id, pageSize, sort: key ? { key, dir: dir === "desc" ? "desc" : "asc" } : null, filters: filterKey ? filterKey.split(",") : [] };
  }, [id, pageSize, sortKey, filterKey]);
  const state = useMemo(() => readTableState(new URLSearchParams(query), stable), [query, stable]);
  // For the editors opened from this list: they come back to it as it is now.
  useEffect(() => rememberListQuery(pathname, query), [pathname, query]);

  // history.replaceState keeps Next's router (and useSearchParams) in step without a server round trip.
  const update = useCallback(
    (patch: Partial<TableState>) => {
      const next = writeTableState(new URLSearchParams(window.location.search), { ...readTableState(new URLSearchParams(window.location.search), stable), ...patch }, stable);
      const search = next.toString();
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [pathname, stable],
  );

  return useMemo(
    () => ({
      state,
      setSearch: (search) => update({ search, page: 1 }),
      toggleSort: (key) => update({ sort: nextSort(state.sort, key), page: 1 }),
      setFilter: (name, value) => update({ filters: { ...state.filters, [name]: value }, page: 1 }),
      setPage: (page) => update({ page }),
    }),
    [state, update],
  );
}
