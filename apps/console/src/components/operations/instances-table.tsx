"use client";
// Services and their instances across every gateway: health score, rotation, last active check,
// registration source, active requests, and the breaker of each gateway (state and rolling counts)
// with the operator's controls. Rows carry data-* attributes for end-to-end tests (see the console README).
import type { TBreakerRolling, TBreakerState } from "@tta/domain/browser";
import { DataTable, type Column } from "../ui/data-table";
import { BreakerActions, type Confirming } from "./breaker-actions";
import { BreakerCounts } from "./breaker-counts";
import { AVAILABILITY_LABEL, BREAKER_LABEL, formatAge, forcedLabel, rollingSummary } from "./format";
import { HealthMeter } from "./health-meter";
import { byService, instanceRows, type InstanceRow, type LiveView } from "./live-state";
import { breakerTestId, instanceTestId, rollingCountsTestId } from "./test-ids";

export function BreakerBadge({ state, failures, rolling, held }: { state: TBreakerState; failures: number; rolling?: TBreakerRolling; held?: string | null }) {
  const counted = failures === 1 ? "1 recent failure" : `${failures} recent failures`;
  const window = rolling && rolling.windowMs > 0 ? rollingSummary(rolling) : null;
  return (
    <span className={`breaker breaker-${state}${held ? " breaker-held" : ""}`} title={[counted, window, held].filter(Boolean).join("\n")}>
      {BREAKER_LABEL[state]}
      {failures > 0 ? <span className="visually-hidden">, {counted}</span> : null}
    </span>
  );
}

function Rotation({ row }: { row: InstanceRow }) {
  // In rotation with an open breaker is neither down nor serving: its checks pass, its breaker refuses.
  if (row.availability === "breaker_open") return <span className="rotation rotation-breaker-open">{AVAILABILITY_LABEL.breaker_open}</span>;
  if (row.inRotation) return <span className="rotation rotation-in">{AVAILABILITY_LABEL[row.availability]}</span>;
  const partly = row.inRotationOn > 0;
  return <span className="rotation rotation-out">{partly ? `In rotation on ${row.inRotationOn} of ${row.reportedBy}` : "Out of rotation"}</span>;
}

function LastCheck({ row, now }: { row: InstanceRow; now: number }) {
  const check = row.lastCheck;
  if (!check) return <span className="muted">not yet</span>;
  return (
    <span className="last-check">
      <span className={check.ok === false ? "check-fail" : "check-ok"}>{check.ok === false ? "failed" : "ok"}</span>{" "}
      <span className="muted">{formatAge(check.at, now)}</span>
      {check.error ? (
        <span className="check-error" title={check.error}>
          {check.error}
        </span>
      ) : null}
    </span>
  );
}

function BreakerCells({ row, showGateway }: { row: InstanceRow; showGateway: boolean }) {
  return (
    <ul className="breaker-list">
      {row.perGateway.map((cell) => {
        const b = cell.instance.breaker;
        const forced = forcedLabel(b.forced);
        return (
          <li
            key={cell.gatewayId}
            data-testid={breakerTestId(row.service, row.instance, cell.gatewayId)}
            data-gateway={cell.gatewayId}
            data-breaker-state={b.state}
            data-breaker-forced={b.forced}
            className={cell.stale ? "cell-stale" : undefined}
          >
            {showGateway ? <span className="muted gateway-ref">{cell.gatewayId}</span> : null}
            <BreakerBadge state={b.state} failures={b.failures} rolling={b.rolling} held={b.held} />
            <BreakerCounts rolling={b.rolling} testId={rollingCountsTestId(row.service, row.instance, cell.gatewayId)} />
            {forced ? (
              <span className="tag tag-forced" title={forced.long}>
                {forced.short}
                <span className="visually-hidden"> {b.forced}</span>
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function InstancesTable(props: {
  view: LiveView;
  now: number;
  canControl: boolean;
  confirming: Confirming | null;
  pending: boolean;
  onAsk: (c: Confirming | null) => void;
  onConfirm: (c: Confirming) => void;
}) {
  const { view, now, canControl } = props;
  const groups = byService(instanceRows(view, now));
  if (groups.length === 0) return <p className="empty">No service instances reported yet.</p>;
  const showGateway = Object.keys(view.gateways).length > 1;
  const columns: Column[] = ["Instance", "Health", "Rotation", "Last check", { label: "Active", className: "num" }, showGateway ? "Breaker per gateway" : "Breaker"];
  if (canControl) columns.push({ label: "Breaker controls", hidden: true });
  return (
    <DataTable label="Service instances" className="table instances-table" columns={columns}>
      {groups.map((g) => {
        const inRotation = g.rows.filter((r) => r.inRotation).length;
        const breakerOpen = g.rows.filter((r) => r.availability === "breaker_open").length;
        return (
          <tbody key={g.service} data-testid={`service-${g.service}`}>
            <tr className="group-row">
              <th scope="colgroup" colSpan={columns.length}>
                <span className="service-tag">{g.service}</span>{" "}
                <span className={inRotation === g.rows.length ? "muted" : "group-warn"}>
                  {inRotation} of {g.rows.length} in rotation
                </span>
                {breakerOpen > 0 ? <span className="group-warn">, {breakerOpen} of them with the breaker open</span> : null}
              </th>
            </tr>
            {g.rows.map((r) => (
              <tr
                key={r.instance}
                data-testid={instanceTestId(r.service, r.instance)}
                data-service={r.service}
                data-instance={r.instance}
                data-health-score={Math.round(r.score)}
                data-in-rotation={r.inRotation}
                data-availability={r.availability}
                data-breaker-state={r.breaker}
                data-breaker-forced={r.forced}
                className={r.inRotation ? undefined : "row-out"}
              >
                <th scope="row" className="instance-cell">
                  <code>{r.instance}</code>
                  <span className={`source source-${r.source}`}>{r.source === "registered" ? "registered" : "static (config)"}</span>
                </th>
                <td>
                  <HealthMeter score={r.score} label={`Health ${r.service} ${r.instance}`} />
                </td>
                <td>
                  <Rotation row={r} />
                </td>
                <td>
                  <LastCheck row={r} now={now} />
                </td>
                <td className="num">{r.activeRequests}</td>
                <td>
                  <BreakerCells row={r} showGateway={showGateway} />
                </td>
                {canControl ? (
                  <td className="actions">
                    <BreakerActions service={r.service} instance={r.instance} confirming={props.confirming} pending={props.pending} onAsk={props.onAsk} onConfirm={props.onConfirm} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        );
      })}
    </DataTable>
  );
}
