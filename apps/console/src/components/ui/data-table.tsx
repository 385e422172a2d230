// The table markup every list page shares: a scrolling wrapper, an accessible name and a header
// row. Callers give the <tbody> (one, or one per group).
import type { ReactNode } from "react";

/** A header: its text, or the text with a class; `hidden` keeps the text for screen readers only. */
export type Column = string | { label: ReactNode; className?: string; hidden?: boolean };

export interface DataTableProps {
  label: string;
  columns: Column[];
  className?: string;
  wrapClassName?: string;
  children: ReactNode;
}

export function DataTable({ label, columns, className = "table", wrapClassName = "table-wrap", children }: DataTableProps) {
  return (
    <div className={wrapClassName}>
      <table className={className} aria-label={label}>
        <thead>
          <tr>
            {columns.map((column, i) => {
              const c = typeof column === "string" ? { label: column } : column;
              return (
                <th key={i} scope="col" className={c.className}>
                  {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
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
export const ACTIONS_COLUMN: Column = { label: "Actions", hidden: true };
