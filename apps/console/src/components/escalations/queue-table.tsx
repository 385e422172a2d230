"use client";
// The queue: most severe first, then the longest waiting. New rows are highlighted for a while;
// the selected row's event opens in the detail panel and stays marked (aria-current) while it is open.
import type { TEscalationSummary } from "@tta/domain/browser";
import { isHighlighted, type Arrivals } from "./arrivals";
import { categoryLabel, formatWaiting, repeatLabel, STATUS_LABEL } from "./labels";

export function SeverityTag({ severity }: { severity: TEscalationSummary["severity"] }) {
  return <span className={`sev sev-${severity}`}>{severity}</span>;
}

export function QueueTable(props: { events: TEscalationSummary[]; arrivals: Arrivals; now: number; selectedId: string | null; meId: string; onSelect: (id: string) => void }) {
  const { events, arrivals, now, selectedId, meId, onSelect } = props;
  if (events.length === 0) {
    return (
      <p className="empty" data-testid="queue-empty">
        No open escalations. New ones appear here as they happen.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table queue-table" aria-label="Escalation queue">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">What</th>
            <th scope="col">Excerpt (masked)</th>
            <th scope="col">Waiting</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const fresh = isHighlighted(arrivals, e.id, now);
            const classes = [fresh ? "row-new" : "", e.id === selectedId ? "row-selected" : "", `row-sev-${e.severity}`].filter(Boolean).join(" ");
            return (
              <tr key={e.id} className={classes} aria-current={e.id === selectedId ? "true" : undefined} data-testid={`escalation-row-${e.id}`} data-severity={e.severity} data-status={e.status} data-new={fresh}>
                <td>
                  <SeverityTag severity={e.severity} />
                  {fresh ? <span className="tag tag-new">new</span> : null}
                </td>
                <td>
                  <span className="strong">{categoryLabel(e.type)}</span>
                  {e.routeName ? <span className="cell-sub">{e.routeName}</span> : null}
                </td>
                <td>
                  <div className="excerpt-cell">{e.excerpt}</div>
                  {repeatLabel(e.repeatCount) ? <span className="cell-sub">{repeatLabel(e.repeatCount)}</span> : null}
                </td>
                <td className="nowrap">{formatWaiting(e.createdAt, now)}</td>
                <td className="nowrap">
                  {STATUS_LABEL[e.status]}
                  {e.assignee ? <span className="cell-sub">{e.assignee.id === meId ? "assigned to you" : `assigned to ${e.assignee.name}`}</span> : null}
                </td>
                <td className="actions">
                  <button type="button" className="button button-small" aria-pressed={e.id === selectedId} onClick={() => onSelect(e.id)}>
                    Details<span className="visually-hidden"> of the {e.severity} {categoryLabel(e.type).toLowerCase()} event</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
