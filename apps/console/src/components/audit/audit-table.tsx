"use client";
// Audit rows, newest first; "Changes" opens a row's before/after as a field-by-field diff.
import { Fragment, useState } from "react";
import type { TAuditEntry } from "@tta/domain/browser";
import { formatTime } from "../ui/format";
import { jsonDiff } from "./json-diff";

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

export function AuditTable({ entries }: { entries: TAuditEntry[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  if (entries.length === 0) return <p className="empty" data-testid="audit-empty">No audit rows match these filters.</p>;
  return (
    <div className="table-wrap">
      <table className="table audit-table" aria-label="Audit log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Correlation id</th>
            <th scope="col">
              <span className="visually-hidden">Changes</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <Fragment key={e.id}>
              <tr data-testid={`audit-row-${e.id}`} data-action={e.action} data-entity-id={e.entityId ?? ""}>
                <td className="nowrap">{formatTime(e.createdAt)}</td>
                <td>{e.actorLabel}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entityType}
                  {e.entityId ? <span className="cell-sub mono-cell">{e.entityId}</span> : null}
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
      </table>
    </div>
  );
}
