"use client";
// The cache hit ratio per caching route over the live window, with each route's ratio and
// lookups/s now. A route keeps the colour it has in the per-route traffic charts (series-colours.ts).
import { Line, LineChart } from "recharts";
import { formatNumber } from "./format";
import { cacheSeries } from "./cache-series";
import { axes, chartFrom, ChartCard } from "./chart-parts";
import { colourOf } from "./series-colours";
import { TRAFFIC_HISTORY_MS, type TrafficBuffer } from "./traffic-buffer";

/** More lines than this would be unreadable; the table lists every caching route. */
const MAX_LINES = 8;

type Row = Record<string, number | null>;

export function CacheHitChart({ traffic, now }: { traffic: TrafficBuffer; now: number }) {
  const series = cacheSeries(traffic);
  if (series.routes.length === 0) {
    return (
      <p className="empty" data-testid="no-cache-traffic">
        No caching route has had GET or HEAD requests in the last few minutes. Turn caching on in a route&apos;s editor.
      </p>
    );
  }
  const rows: Row[] = series.buckets.map((b) => ({ at: b.at, ...Object.fromEntries(series.routes.map((r) => [r, b.byRoute[r]!.hitRatio])) }));
  const last = series.buckets.at(-1)!;
  const from = chartFrom(series.buckets[0]?.at, now, TRAFFIC_HISTORY_MS);
  const drawn = series.routes.slice(0, MAX_LINES);
  return (
    <div className="chart-grid">
      <ChartCard title="Cache hit ratio" testId="chart-cache-hits" summary="hits / lookups">
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          {axes(from, now, "%")}
          {drawn.map((r) => (
            <Line key={r} dataKey={r} name={r} type="linear" stroke={colourOf(r)} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ChartCard>
      <div className="table-wrap cache-now">
        <table className="table table-compact" aria-label="Cache now">
          <thead>
            <tr>
              <th scope="col">Route</th>
              <th scope="col" className="num">
                Hit ratio now
              </th>
              <th scope="col" className="num">
                Lookups/s
              </th>
            </tr>
          </thead>
          <tbody>
            {series.routes.map((r) => {
              const point = last.byRoute[r]!;
              return (
                <tr key={r} data-testid={`cache-route-${r}`} data-hit-ratio={point.hitRatio ?? ""}>
                  <td>
                    <span className="swatch" style={{ background: colourOf(r) }} aria-hidden="true" /> {r}
                  </td>
                  <td className="num">{point.hitRatio === null ? <span className="muted">no lookups</span> : `${formatNumber(point.hitRatio)} %`}</td>
                  <td className="num">{formatNumber(point.lookupsPerSecond)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
