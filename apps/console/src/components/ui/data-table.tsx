// The table markup every list page shares: a scrolling wrapper, an accessible name and a header
// row. Callers give the <tbody> (one, or one per group). A column with `sort` is a button that
// sorts by that key (see table/use-table-state.ts), its header telling the order with aria-sort.
import type { ReactNode } from "react";
import type { Sort } from "./table/table-state";

/** A header: its text, or the text with a class; `hidden` keeps the text for screen readers only. */
export type Column = string | { label: ReactNode; className?: string; hidden?: boolean; sort?: string };

export interface Sorting {
  state: { sort: Sort | null };
  toggleSort: (key: string) => void;
}

export interface DataTableProps {
  label: string;
  columns: Column[];
  className?: string;
  wrapClassName?: string;
  sorting?: Sorting;
  children: ReactNode;
}

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

export function DataTable({ label, columns, className = "table", wrapClassName = "table-wrap", sorting, children }: DataTableProps) {
  return (
    <div className={wrapClassName}>
      <table className={className} aria-label={label}>
        <thead>
          <tr>
            {columns.map((column, i) => {
              const c = typeof column === "string" ? { label: column } : column;
              const text = c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label;
              if (!c.sort || !sorting) {
                return (
                  <th key={i} scope="col" className={c.className}>
                    {text}
                  </th>
                );
              }
              const current = sorting.state.sort?.key === c.sort ? sorting.state.sort.dir : null;
              return (
                <th key={i} scope="col" className={c.className} aria-sort={current ? ARIA_SORT[current] : "none"}>
                  <button type="button" className="sort-button" onClick={() => sorting.toggleSort(c.sort!)}>
                    {text}
                    <span className="sort-mark" aria-hidden="true">
                      {current === "asc" ? "▲" : current === "desc" ? "▼" : "↕"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** The last header of a table whose rows have buttons. */
export const ACTIONS_COLUMN: Column = { label: "Actions", hidden: true, className: "actions" };
