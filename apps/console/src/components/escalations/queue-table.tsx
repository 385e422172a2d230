"use client";
// The queue: most severe first, then the longest waiting (the server's order, unless a header
// sorts it). New rows are highlighted for a while; the selected row's event opens in the detail
// panel and stays marked (aria-current) while it is open. Search, filters and page are in the URL;
// the live list underneath keeps arriving.
import type { TEscalationSummary } from "@tta/domain/browser";
import { DataTable, type Column } from "../ui/data-table";
import { applyTable, type TableSpec } from "../ui/table/table-state";
import { TablePager } from "../ui/table/table-pager";
import { TableFilter, TableToolbar } from "../ui/table/table-toolbar";
import type { TableControls } from "../ui/table/use-table-state";
import { isHighlighted, type Arrivals } from "./arrivals";
import { categoryLabel, formatWaiting, repeatLabel, SEVERITY_ORDER, STATUS_LABEL } from "./labels";

export const QUEUE_FILTERS = ["severity", "status"] as const;

const COLUMNS: Column[] = [
  { label: "Severity", sort: "severity" },
  { label: "What", sort: "what" },
  "Excerpt (masked)",
  { label: "Waiting", sort: "waiting" },
  { label: "Status", sort: "status" },
  { label: "Open", hidden: true },
];

const SPEC: TableSpec<TEscalationSummary> = {
  text: (e) => [categoryLabel(e.type), e.type, e.routeName, e.excerpt, e.assignee?.name],
  sorts: {
    severity: (e) => SEVERITY_ORDER.length - SEVERITY_ORDER.indexOf(e.severity),
    what: (e) => categoryLabel(e.type),
    // Shortest wait first when ascending.
    waiting: (e) => -e.createdAt.getTime(),
    status: (e) => STATUS_LABEL[e.status],
  },
  filters: { severity: (e, v) => e.severity === v, status: (e, v) => e.status === v },
};

/** The queue's search and filters, above the table. */
export function QueueToolbar({ table }: { table: TableControls }) {
  return (
    <TableToolbar label="Queue" table={table} placeholder="Category, route, excerpt or assignee">
      <TableFilter table={table} name="severity" label="Severity" options={SEVERITY_ORDER.map((s) => [s, s] as const)} />
      <TableFilter table={table} name="status" label="Status" options={[["open", STATUS_LABEL.open], ["acknowledged", STATUS_LABEL.acknowledged]]} />
    </TableToolbar>
  );
}

export function SeverityTag({ severity }: { severity: TEscalationSummary["severity"] }) {
  return <span className={`sev sev-${severity}`}>{severity}</span>;
}

export function QueueTable(props: { events: TEscalationSummary[]; table: TableControls; arrivals: Arrivals; now: number; selectedId: string | null; meId: string; onSelect: (id: string) => void }) {
  const { events, table, arrivals, now, selectedId, meId, onSelect } = props;
  if (events.length === 0) {
    return (
      <p className="empty" data-testid="queue-empty">
        No open escalations. New ones appear here as they happen.
      </p>
    );
  }
  const view = applyTable(events, table.state, SPEC);
  return (
    <>
      <DataTable label="Escalation queue" columns={COLUMNS} className="table queue-table" sorting={table}>
        <tbody>
          {view.rows.map((e) => {
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
      </DataTable>
      {view.total === 0 ? <p className="empty">No events match.</p> : null}
      <TablePager label="Queue" view={view} onPage={table.setPage} />
    </>
  );
}
