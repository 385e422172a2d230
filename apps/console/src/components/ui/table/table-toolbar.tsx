"use client";
// Above a table: its labelled search box and, as children, its filters (TableFilter).
import { useEffect, useId, useState, type ReactNode } from "react";
import type { TableControls } from "./use-table-state";

export function TableToolbar({ label, table, placeholder, children }: { label: string; table: TableControls; placeholder?: string; children?: ReactNode }) {
  const id = useId();
  const [text, setText] = useState(table.state.search);
  // The URL can change under the box (Back, a link): follow it.
  useEffect(() => setText(table.state.search), [table.state.search]);
  return (
    <div className="table-toolbar" role="search" aria-label={`${label}: search and filters`}>
      <div className="table-search">
        <label htmlFor={`${id}-q`}>Search {label.toLowerCase()}</label>
        <input
          id={`${id}-q`}
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            table.setSearch(e.target.value);
          }}
        />
      </div>
      {children}
    </div>
  );
}

/** One filter as a labelled select; "" is "All". */
export function TableFilter({ table, name, label, options }: { table: TableControls; name: string; label: string; options: readonly (readonly [value: string, text: string])[] }) {
  const id = useId();
  return (
    <div className="table-filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={table.state.filters[name] ?? ""} onChange={(e) => table.setFilter(name, e.target.value)}>
        <option value="">All</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
