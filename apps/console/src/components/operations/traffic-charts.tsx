"use client";
// Requests/s, error rate and latency (p50/p95/p99) over the last few minutes, per route or per
// service, drawn from the traffic roll-ups the gateways publish (kept in traffic-buffer.ts).
import { useId, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatClock, formatNumber, timeTicks } from "./format";
import { TRAFFIC_HISTORY_MS, trafficSeries, type GroupBy, type TrafficBuffer } from "./traffic-buffer";

export const COLOURS = ["#1f5fbf", "#2e8b57", "#c77c02", "#7b4fb3", "#0f7c8c", "#b0487a"];
const LATENCY = [
  { key: "p50", colour: "#1f5fbf" },
  { key: "p95", colour: "#c77c02" },
  { key: "p99", colour: "#b42318" },
] as const;
/** More lines than this would be unreadable; the rest are in the table of the latest window. */
const MAX_SERIES = COLOURS.length;
const ALL = "__all__";

type Row = Record<string, number | null>;

export function ChartCard({ title, testId, summary, children }: { title: string; testId: string; summary: string; children: React.ReactElement }) {
  const id = useId();
  return (
    <figure className="chart-card" data-testid={testId} aria-labelledby={id}>
      <figcaption id={id}>
        <span className="chart-title">{title}</span> <span className="chart-now">{summary}</span>
      </figcaption>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** At least the last minute, at most TRAFFIC_HISTORY_MS: a gateway that just started fills the width. */
export const MIN_SPAN_MS = 60_000;

export function axes(from: number, now: number, unit: string) {
  return [
    <CartesianGrid key="grid" stroke="#e6e9ee" vertical={false} />,
    <XAxis key="x" dataKey="at" type="number" scale="time" domain={[from, now]} ticks={timeTicks(from, now)} tickFormatter={formatClock} tick={{ fontSize: 11, fill: "#5b6470" }} minTickGap={24} />,
    <YAxis key="y" width={unit.length > 1 ? 60 : 48} tick={{ fontSize: 11, fill: "#5b6470" }} unit={unit} allowDecimals />,
    <Tooltip key="tip" labelFormatter={(v) => formatClock(Number(v))} formatter={(v) => formatNumber(typeof v === "number" ? v : null)} isAnimationActive={false} />,
    <Legend key="legend" iconType="plainline" wrapperStyle={{ fontSize: 12 }} />,
  ];
}

export function TrafficCharts({ traffic, now }: { traffic: TrafficBuffer; now: number }) {
  const [groupBy, setGroupBy] = useState<GroupBy>("route");
  const [latencyOf, setLatencyOf] = useState<string>(ALL);
  const series = trafficSeries(traffic, groupBy);
  const keys = series.keys.slice(0, MAX_SERIES);
  const selected = latencyOf !== ALL && series.keys.includes(latencyOf) ? latencyOf : ALL;

  const rate: Row[] = [];
  const errors: Row[] = [];
  const latency: Row[] = [];
  for (const b of series.buckets) {
    const r: Row = { at: b.at };
    const e: Row = { at: b.at };
    for (const k of keys) {
      r[k] = b.byKey[k]!.rps;
      e[k] = b.byKey[k]!.errorRate;
    }
    rate.push(r);
    errors.push(e);
    const p = selected === ALL ? b.total : b.byKey[selected]!;
    latency.push({ at: b.at, p50: p.p50, p95: p.p95, p99: p.p99 });
  }
  const last = series.buckets.at(-1);
  const from = Math.max(now - TRAFFIC_HISTORY_MS, Math.min(series.buckets[0]?.at ?? now, now - MIN_SPAN_MS));
  const lastPoint = last ? (selected === ALL ? last.total : last.byKey[selected]) : undefined;

  return (
    <section className="section" aria-labelledby="traffic-heading">
      <div className="section-head">
        <h2 id="traffic-heading">Traffic</h2>
        <div className="chart-controls">
          <div className="segmented" role="radiogroup" aria-label="Group traffic by">
            {(["route", "service"] as const).map((g) => (
              <label key={g} className={groupBy === g ? "segment active" : "segment"}>
                <input type="radio" name="group-by" value={g} checked={groupBy === g} onChange={() => setGroupBy(g)} />
                Per {g}
              </label>
            ))}
          </div>
          <label className="inline-field">
            <span>Latency of</span>
            <select value={selected} onChange={(e) => setLatencyOf(e.target.value)}>
              <option value={ALL}>all traffic</option>
              {series.keys.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {series.buckets.length === 0 ? (
        <p className="empty" data-testid="no-traffic">
          No traffic roll-ups yet. Gateways publish one every few seconds; send requests through the gateway to see them here.
        </p>
      ) : (
        <div className="chart-grid">
          <ChartCard title="Requests per second" testId="chart-requests" summary={last ? `${formatNumber(last.total.rps)} req/s now` : ""}>
            <LineChart data={rate} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              {axes(from, now, "")}
              {keys.map((k, i) => (
                <Line key={k} dataKey={k} name={k} type="linear" stroke={COLOURS[i]} strokeWidth={2} dot={false} isAnimationActive={false} />
              ))}
            </LineChart>
          </ChartCard>
          <ChartCard title="Error rate" testId="chart-errors" summary={last ? (last.total.errorRate === null ? "no requests now" : `${formatNumber(last.total.errorRate)} % now`) : ""}>
            <LineChart data={errors} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              {axes(from, now, "%")}
              {keys.map((k, i) => (
                <Line key={k} dataKey={k} name={k} type="linear" stroke={COLOURS[i]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
              ))}
            </LineChart>
          </ChartCard>
          <ChartCard
            title={`Latency${selected === ALL ? "" : ` of ${selected}`}`}
            testId="chart-latency"
            summary={lastPoint ? (lastPoint.p99 === null ? "no requests now" : `p99 ${formatNumber(lastPoint.p99)} ms now`) : ""}
          >
            <LineChart data={latency} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              {axes(from, now, " ms")}
              {LATENCY.map((l) => (
                <Line key={l.key} dataKey={l.key} name={l.key} type="linear" stroke={l.colour} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
              ))}
            </LineChart>
          </ChartCard>
        </div>
      )}
      {series.keys.length > MAX_SERIES ? <p className="hint">The {MAX_SERIES} busiest of {series.keys.length} are drawn.</p> : null}
    </section>
  );
}
