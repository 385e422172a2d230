// A table's search, sort, filters and page as plain data, read from and written to the URL's
// query (so a link or a reload shows the same rows), and applied to rows held in memory. Server-paged
// tables (audit, revisions) send the same state to their procedure instead of calling applyTable.
export type SortDir = "asc" | "desc";
export interface Sort {
  key: string;
  dir: SortDir;
}

export interface TableState {
  search: string;
  sort: Sort | null;
  /** Filter values by filter key; a missing key (or "") means "all". */
  filters: Record<string, string>;
  /** From 1. */
  page: number;
  pageSize: number;
}

export interface TableDefaults {
  /** Prefixes the query keys ("rl.q", "rl.sort"), for pages with more than one table. */
  id?: string;
  sort?: Sort | null;
  pageSize?: number;
  filters?: readonly string[];
}

export const DEFAULT_PAGE_SIZE = 20;

const keyOf = (id: string | undefined, name: string) => (id ? `${id}.${name}` : name);

/** "name" sorts ascending, "-name" descending. */
export function readTableState(params: URLSearchParams, defaults: TableDefaults = {}): TableState {
  const get = (name: string) => params.get(keyOf(defaults.id, name)) ?? "";
  const rawSort = get("sort");
  const sort = rawSort ? { key: rawSort.replace(/^-/, ""), dir: rawSort.startsWith("-") ? ("desc" as const) : ("asc" as const) } : (defaults.sort ?? null);
  const page = Number.parseInt(get("page"), 10);
  const filters: Record<string, string> = {};
  for (const f of defaults.filters ?? []) if (get(f)) filters[f] = get(f);
  return { search: get("q"), sort, filters, page: Number.isFinite(page) && page > 0 ? page : 1, pageSize: defaults.pageSize ?? DEFAULT_PAGE_SIZE };
}

/** The query with `state` in it; values equal to the defaults are left out to keep links short. */
export function writeTableState(params: URLSearchParams, state: TableState, defaults: TableDefaults = {}): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string) => (value ? next.set(keyOf(defaults.id, name), value) : next.delete(keyOf(defaults.id, name)));
  set("q", state.search.trim() ? state.search : "");
  const isDefault = state.sort?.key === defaults.sort?.key && state.sort?.dir === defaults.sort?.dir;
  set("sort", !state.sort || isDefault ? "" : `${state.sort.dir === "desc" ? "-" : ""}${state.sort.key}`);
  set("page", state.page > 1 ? String(state.page) : "");
  for (const f of defaults.filters ?? []) set(f, state.filters[f] ?? "");
  return next;
}

/** A header click: a new column sorts ascending, the sorted one flips. */
export function nextSort(current: Sort | null, key: string): Sort {
  return current?.key === key ? { key, dir: current.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" };
}

export type SortValue = string | number | boolean | null | undefined;

export interface TableSpec<T> {
  /** The texts a search looks in (any of them containing the search, ignoring case). */
  text: (row: T) => (string | null | undefined)[];
  sorts: Record<string, (row: T) => SortValue>;
  filters?: Record<string, (row: T, value: string) => boolean>;
}

export interface PageView<T> {
  rows: T[];
  /** Rows left after search and filters. */
  total: number;
  /** The page shown (clamped to the last one). */
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last row shown; 0 and 0 when none. */
  from: number;
  to: number;
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function compareValues(a: SortValue, b: SortValue): number {
  // Blanks last whichever the direction, as a reader expects "none" at the end.
  if (a === null || a === undefined || a === "") return b === null || b === undefined || b === "" ? 0 : 1;
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(b) - Number(a);
  return collator.compare(String(a), String(b));
}

export function pageOf(total: number, page: number, pageSize: number): Omit<PageView<never>, "rows"> {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, page), pageCount);
  const from = total === 0 ? 0 : (shown - 1) * pageSize + 1;
  return { total, page: shown, pageCount, from, to: Math.min(total, shown * pageSize) };
}

export function applyTable<T>(rows: readonly T[], state: TableState, spec: TableSpec<T>): PageView<T> {
  const needle = state.search.trim().toLowerCase();
  let out = needle ? rows.filter((r) => spec.text(r).some((t) => t?.toLowerCase().includes(needle))) : [...rows];
  for (const [key, value] of Object.entries(state.filters)) {
    const test = spec.filters?.[key];
    if (value && test) out = out.filter((r) => test(r, value));
  }
  const by = state.sort && spec.sorts[state.sort.key];
  if (by) {
    const sign = state.sort!.dir === "asc" ? 1 : -1;
    // Stable, so equal values keep the server's order; blanks stay last either way.
    out = out
      .map((row, i) => ({ row, i, v: by(row) }))
      .sort((a, b) => {
        const blankA = a.v === null || a.v === undefined || a.v === "";
        const blankB = b.v === null || b.v === undefined || b.v === "";
        if (blankA || blankB) return compareValues(a.v, b.v) || a.i - b.i;
        return sign * compareValues(a.v, b.v) || a.i - b.i;
      })
      .map((x) => x.row);
  }
  const view = pageOf(out.length, state.page, state.pageSize);
  return { ...view, rows: out.slice(view.from ? view.from - 1 : 0, view.to) };
}
