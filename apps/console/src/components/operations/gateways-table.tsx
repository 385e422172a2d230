"use client";
// Every gateway instance the console hears from: id, mode, live revision, requests in flight, open
// WebSocket connections (by route on hover), and how old its last heartbeat is. A gateway that stopped sending heartbeats is greyed out.
import { DataTable, type Column } from "../ui/data-table";
import { formatAge, formatClock } from "./format";
import { isStale, type LiveView } from "./live-state";
import { gatewayTestId } from "./test-ids";

const COLUMNS: Column[] = ["Gateway", "Mode", { label: "Revision", className: "num" }, { label: "In flight", className: "num" }, { label: "WebSockets", className: "num" }, "Started", "Last heartbeat"];

/** "chat-ws 3, narrative-ws 1", or a word when there are none. */
function websocketsByRoute(byRoute: Record<string, number> | undefined): string {
  const entries = Object.entries(byRoute ?? {}).filter(([, n]) => n > 0);
  return entries.length ? entries.map(([route, n]) => `${route} ${n}`).join(", ") : "no open WebSocket connections";
}

export function GatewaysTable({ view, now }: { view: LiveView; now: number }) {
  const gateways = Object.values(view.gateways).sort((a, b) => a.heartbeat.gatewayId.localeCompare(b.heartbeat.gatewayId));
  if (gateways.length === 0) {
    return <p className="empty" data-testid="no-gateways">No gateway has reported yet. A running gateway sends a heartbeat every second.</p>;
  }
  return (
    <DataTable label="Gateway instances" columns={COLUMNS}>
      <tbody>
        {gateways.map((g) => {
          const hb = g.heartbeat;
          const stale = isStale(g, now);
          return (
            <tr key={hb.gatewayId} data-testid={gatewayTestId(hb.gatewayId)} data-stale={stale} className={stale ? "row-stale" : undefined}>
              <th scope="row" className="mono-cell">
                {hb.gatewayId}
                {stale ? <span className="tag tag-stale">stale</span> : null}
              </th>
              <td>{hb.mode === "redis" ? "cluster (Redis)" : "standalone (local)"}</td>
              <td className="num">{hb.revision ?? <span className="muted">none</span>}</td>
              <td className="num">{hb.inFlight}</td>
              <td className="num" data-testid="gateway-websockets" title={websocketsByRoute(hb.websockets)}>
                {Object.values(hb.websockets ?? {}).reduce((a, b) => a + b, 0)}
              </td>
              <td>{formatClock(hb.startedAt)}</td>
              <td data-testid="heartbeat-age">{formatAge(hb.at, now)}</td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
