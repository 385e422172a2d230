"use client";
// Each route (or service) over the range shown: rate, answers by status class, failure share and
// latency; a click on a column header sorts by it (again: the other way). Rows carry data-*
// attributes for end-to-end tests.
import { useState } from "react";
import { formatNumber } from "./format";
import { nextSort, sortRows, type RouteRow, type Sort, type SortKey } from "./route-table";
import { colourOf } from "./series-colours";
import { UNMATCHED_KEY } from "./status-classes";
import { sanitiseForTestId } from "./test-ids";

const COLUMNS: Array<{ by: SortKey; label: string; title?: string; num?: boolean }> = [
  { by: "key", label: "Name" },
  { by: "rps", label: "Req/s", num: true },
  { by: "2xx", label: "2xx", num: true },
  { by: "4xx", label: "4xx", title: "4xx answers other than 429", num: true },
  { by: "429", label: "429", title: "rate limited", num: true },
  { by: "5xx", label: "5xx", num: true },
  { by: "errorRate", label: "Failed", title: "5xx and answers cut short, percent of requests", num: true },
  { by: "p50", label: "p50", num: true },
  { by: "p95", label: "p95", num: true },
  { by: "p99", label: "p99", num: true },
];

export const seriesLabel = (key: string) => (key === UNMATCHED_KEY ? "unmatched (no route)" : key);

export function RouteTrafficTable({ rows, groupBy }: { rows: readonly RouteRow[]; groupBy: "route" | "service" }) {
  const [sort, setSort] = useState<Sort>({ by: "rps", descending: true });
  if (rows.length === 0) return <p className="muted" data-testid="route-traffic-empty">No requests in this range.</p>;
  const sorted = sortRows(rows, sort);
  return (
    <div className="table-wrap route-traffic">
      <table className="table table-compact" aria-label={`Traffic per ${groupBy}`} data-testid="route-traffic-table" data-sort={`${sort.by}:${sort.descending ? "desc" : "asc"}`}>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.by} scope="col" className={c.num ? "num" : undefined} aria-sort={sort.by === c.by ? (sort.descending ? "descending" : "ascending") : "none"}>
                <button type="button" className="sort-button" title={c.title} onClick={() => setSort((s) => nextSort(s, c.by))}>
                  {c.by === "key" ? (groupBy === "route" ? "Route" : "Service") : c.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.by === c.by ? (sort.descending ? "▼" : "▲") : ""}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr
              key={r.key}
              data-testid={`traffic-row-${sanitiseForTestId(r.key)}`}
              data-key={r.key}
              data-count={r.count}
              data-status2xx={r.classes["2xx"]}
              data-status4xx={r.classes["4xx"]}
              data-status429={r.classes["429"]}
              data-status5xx={r.classes["5xx"]}
            >
              <th scope="row">
                <span className="swatch" style={{ background: colourOf(r.key) }} aria-hidden="true" /> {r.key === UNMATCHED_KEY ? <em>{seriesLabel(r.key)}</em> : r.key}
              </th>
              <td className="num">{formatNumber(r.rps, 2)}</td>
              <td className="num">{r.classes["2xx"]}</td>
              <td className="num">{r.classes["4xx"]}</td>
              <td className={r.classes["429"] > 0 ? "num cell-warn" : "num"}>{r.classes["429"]}</td>
              <td className={r.classes["5xx"] > 0 ? "num cell-bad" : "num"}>{r.classes["5xx"]}</td>
              <td className="num">{formatNumber(r.errorRate)} %</td>
              <td className="num">{formatNumber(r.p50)} ms</td>
              <td className="num">{formatNumber(r.p95)} ms</td>
              <td className="num">{formatNumber(r.p99)} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
