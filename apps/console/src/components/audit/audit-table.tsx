"use client";
// Audit rows, newest first (or oldest: the Time header sorts); an entity's id opens it on its page;
// "Changes" opens a row's before/after as a field-by-field diff.
import Link from "next/link";
import { Fragment, useState } from "react";
import type { TAuditEntry } from "@tta/domain/browser";
import { DataTable, type Column, type Sorting } from "../ui/data-table";
import { formatTime } from "../ui/format";
import { entityHref } from "./entity-link";
import { jsonDiff } from "./json-diff";

const COLUMNS: Column[] = [{ label: "Time", sort: "time" }, "Actor", "Action", "Entity", "Correlation id", { label: "Changes", hidden: true }];

function EntityId({ entry }: { entry: TAuditEntry }) {
  if (!entry.entityId) return null;
  const href = entityHref(entry);
  return (
    <span className="cell-sub mono-cell">
      {href ? (
        <Link href={href} data-testid={`audit-entity-link-${entry.id}`}>
          {entry.entityId}
          <span className="visually-hidden"> (open this {entry.entityType.replace(/_/g, " ")})</span>
        </Link>
      ) : (
        entry.entityId
      )}
    </span>
  );
}

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function Changes({ entry }: { entry: TAuditEntry }) {
  const { rows, truncated } = jsonDiff(entry.before, entry.after);
  if (rows.length === 0) return <p className="muted">No recorded changes.</p>;
  return (
    <div className="table-scroll">
      <table className="table table-compact json-diff" aria-label={`Changes of ${entry.action}`} data-testid={`audit-diff-${entry.id}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path} data-change={r.change}>
              <th scope="row">{r.path}</th>
              <td className="before">{show(r.before)}</td>
              <td className="after">{show(r.after)}</td>
            </tr>
          ))}
          {truncated ? (
            <tr>
              <td colSpan={3} className="muted">
                More changes are not shown.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export function AuditTable({ entries, sorting }: { entries: TAuditEntry[]; sorting?: Sorting }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  if (entries.length === 0) return <p className="empty" data-testid="audit-empty">No audit rows match these filters.</p>;
  return (
    <DataTable label="Audit log" columns={COLUMNS} className="table audit-table" sorting={sorting}>
      <tbody>
        {entries.map((e) => (
          <Fragment key={e.id}>
            <tr data-testid={`audit-row-${e.id}`} data-action={e.action} data-entity-id={e.entityId ?? ""}>
              <td className="nowrap">
                <time dateTime={e.createdAt.toISOString()}>{formatTime(e.createdAt)}</time>
              </td>
              <td>{e.actorLabel}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.entityType}
                <EntityId entry={e} />
              </td>
              <td className="mono-cell">{e.correlationId}</td>
              <td className="actions">
                <button type="button" className="button button-small" aria-expanded={open.has(e.id)} aria-controls={`audit-changes-${e.id}`} onClick={() => toggle(e.id)}>
                  Changes<span className="visually-hidden"> of {e.action}</span>
                </button>
              </td>
            </tr>
            {open.has(e.id) ? (
              <tr className="audit-changes" id={`audit-changes-${e.id}`}>
                <td colSpan={6}>
                  <Changes entry={e} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </DataTable>
  );
}
