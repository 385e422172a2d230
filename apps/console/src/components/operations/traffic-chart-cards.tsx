"use client";
// The three traffic charts, memoised: they draw again only when their points, their hidden series
// or their time axis change (a roll-up every 2 s), not with every heartbeat and clock tick of the
// page — a range's hundreds of points times a dozen series are the page's heaviest work.
import { memo, type Dispatch, type SetStateAction } from "react";
import { Area, AreaChart, Line, LineChart } from "recharts";
import { axes, ChartCard, SeriesLegend, toggled } from "./chart-parts";
import { seriesLabel } from "./route-traffic-table";
import { colourOf } from "./series-colours";
import { CLASS_COLOUR, CLASS_LABEL, type StatusClass } from "./status-classes";

export type Row = Record<string, number | null>;
type Hidden = ReadonlySet<string>;
type SetHidden = Dispatch<SetStateAction<Hidden>>;

const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
export const LATENCY = [
  { key: "p50", colour: "#1f5fbf" },
  { key: "p95", colour: "#b35c00" },
  { key: "p99", colour: "#b42318" },
] as const;

interface Common {
  rows: Row[];
  from: number;
  to: number;
  summary: string;
  hidden: Hidden;
  setHidden: SetHidden;
}

export const RateChart = memo(function RateChart({ rows, from, to, summary, hidden, setHidden, keys, groupBy }: Common & { keys: readonly string[]; groupBy: string }) {
  return (
    <ChartCard
      title="Requests per second"
      testId="chart-requests"
      summary={summary}
      legend={<SeriesLegend label={`Series per ${groupBy}`} entries={keys.map((k) => ({ key: k, label: seriesLabel(k), colour: colourOf(k) }))} hidden={hidden} onToggle={(k) => setHidden((h) => toggled(h, k))} />}
    >
      <LineChart data={rows} margin={MARGIN}>
        {axes(from, to, "")}
        {keys.map((k) => (
          <Line key={k} dataKey={k} name={seriesLabel(k)} type="linear" stroke={colourOf(k)} strokeWidth={2} dot={false} hide={hidden.has(k)} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartCard>
  );
});

export const StatusChart = memo(function StatusChart({ rows, from, to, summary, hidden, setHidden, classes, of }: Common & { classes: readonly StatusClass[]; of: string }) {
  return (
    <ChartCard
      title={`Answers by status class${of}`}
      testId="chart-status"
      summary={summary}
      legend={<SeriesLegend label="Status classes" entries={classes.map((c) => ({ key: c, label: CLASS_LABEL[c], colour: CLASS_COLOUR[c] }))} hidden={hidden} onToggle={(k) => setHidden((h) => toggled(h, k))} />}
    >
      <AreaChart data={rows} margin={MARGIN}>
        {axes(from, to, "/s")}
        {classes.map((c) => (
          <Area key={c} dataKey={c} name={CLASS_LABEL[c]} stackId="classes" type="linear" stroke={CLASS_COLOUR[c]} fill={CLASS_COLOUR[c]} fillOpacity={0.35} hide={hidden.has(c)} isAnimationActive={false} />
        ))}
      </AreaChart>
    </ChartCard>
  );
});

export const LatencyChart = memo(function LatencyChart({ rows, from, to, summary, hidden, setHidden, of }: Common & { of: string }) {
  return (
    <ChartCard
      title={`Latency${of}`}
      testId="chart-latency"
      summary={summary}
      legend={<SeriesLegend label="Percentiles" entries={LATENCY.map((l) => ({ key: l.key, label: l.key, colour: l.colour }))} hidden={hidden} onToggle={(k) => setHidden((h) => toggled(h, k))} />}
    >
      <LineChart data={rows} margin={MARGIN}>
        {axes(from, to, " ms")}
        {LATENCY.map((l) => (
          <Line key={l.key} dataKey={l.key} name={l.key} type="linear" stroke={l.colour} strokeWidth={2} dot={false} connectNulls hide={hidden.has(l.key)} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartCard>
  );
});
