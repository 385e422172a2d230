"use client";
// Resolved events, most recently resolved first: what, the masked excerpt, when it was detected and
// resolved, who had it; the open row's event shows in the detail panel, and each row links to its
// audit trail (the audit log is for admins: others get the timeline in the detail panel).
import Link from "next/link";
import type { TEscalationSummary } from "@tta/domain/browser";
import { formatTime } from "../ui/format";
import { auditTrailHref } from "./audit-trail";
import { categoryLabel } from "./labels";
import { SeverityTag } from "./queue-table";

export function HistoryTable(props: { events: TEscalationSummary[]; selectedId: string | null; meId: string; canAudit: boolean; onSelect: (id: string) => void }) {
  const { events, selectedId, meId, canAudit, onSelect } = props;
  if (events.length === 0) {
    return (
      <p className="empty" data-testid="history-empty">
        No resolved events match these filters.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table queue-table" aria-label="Resolved events">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">What</th>
            <th scope="col">Excerpt (masked)</th>
            <th scope="col">Resolved</th>
            <th scope="col">Assignee</th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const selected = e.id === selectedId;
            return (
              <tr
                key={e.id}
                className={[selected ? "row-selected" : "", `row-sev-${e.severity}`].filter(Boolean).join(" ")}
                aria-current={selected ? "true" : undefined}
                data-testid={`history-row-${e.id}`}
                data-severity={e.severity}
              >
                <td>
                  <SeverityTag severity={e.severity} />
                </td>
                <td>
                  <span className="strong">{categoryLabel(e.type)}</span>
                  {e.routeName ? <span className="cell-sub">{e.routeName}</span> : null}
                </td>
                <td>
                  <div className="excerpt-cell">{e.excerpt}</div>
                </td>
                <td>
                  {e.resolvedAt ? formatTime(e.resolvedAt) : ""}
                  <span className="cell-sub">detected {formatTime(e.createdAt)}</span>
                </td>
                <td>{e.assignee ? (e.assignee.id === meId ? "you" : e.assignee.name) : <span className="muted">nobody</span>}</td>
                <td className="actions">
                  <button type="button" className="button button-small" aria-pressed={selected} onClick={() => onSelect(e.id)}>
                    Details<span className="visually-hidden"> of the {e.severity} {categoryLabel(e.type).toLowerCase()} event</span>
                  </button>
                  {canAudit ? (
                    <Link className="button button-small button-quiet" href={auditTrailHref(e.id)}>
                      Audit trail<span className="visually-hidden"> of event {e.id}</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
