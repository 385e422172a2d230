"use client";
// Traffic per route or per service over a time range (live 5 min, 15 min, 1 h: use-traffic-range.ts):
// requests per second, answers by status class (2xx, 3xx, 4xx, 429, 5xx: not an "error rate" that
// counts only 5xx), latency (p50/p95/p99), and the table of every route over the range. Legends
// toggle their series; a route keeps its colour (series-colours.ts).
import { useState } from "react";
import { Area, AreaChart, Line, LineChart } from "recharts";
import { TRAFFIC_RANGE_SPEC, TRAFFIC_RANGES, type TTrafficRange } from "@tta/domain/browser";
import { ErrorNotice } from "../ui/error-notice";
import { axes, ChartCard, chartFrom, SeriesLegend, toggled } from "./chart-parts";
import { formatNumber } from "./format";
import { RouteTrafficTable, seriesLabel } from "./route-traffic-table";
import { routeRows } from "./route-table";
import { colourOf } from "./series-colours";
import { CLASS_COLOUR, CLASS_LABEL, STATUS_CLASSES } from "./status-classes";
import { trafficSeries, type GroupBy, type TrafficBuffer } from "./traffic-buffer";
import { useTrafficRange } from "./use-traffic-range";

const LATENCY = [
  { key: "p50", colour: "#1f5fbf" },
  { key: "p95", colour: "#b35c00" },
  { key: "p99", colour: "#b42318" },
] as const;
/** More lines than this would be unreadable; every series is in the table. */
const MAX_SERIES = 8;
const ALL = "__all__";
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

type Row = Record<string, number | null>;

function Segmented<T extends string>({ label, name, options, value, onChange, text }: { label: string; name: string; options: readonly T[]; value: T; onChange: (v: T) => void; text: (v: T) => string }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label key={o} className={value === o ? "segment active" : "segment"}>
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
          {text(o)}
        </label>
      ))}
    </div>
  );
}

export function TrafficCharts({ traffic, now }: { traffic: TrafficBuffer; now: number }) {
  const [range, setRange] = useState<TTrafficRange>("5m");
  const [groupBy, setGroupBy] = useState<GroupBy>("route");
  const [focus, setFocus] = useState<string>(ALL);
  const [hiddenKeys, setHiddenKeys] = useState<ReadonlySet<string>>(new Set());
  const [hiddenClasses, setHiddenClasses] = useState<ReadonlySet<string>>(new Set());
  const [hiddenLatency, setHiddenLatency] = useState<ReadonlySet<string>>(new Set());
  const data = useTrafficRange(range, traffic, now);
  const series = trafficSeries(data.buffer, groupBy);
  const keys = series.keys.slice(0, MAX_SERIES);
  const selected = focus !== ALL && series.keys.includes(focus) ? focus : ALL;

  const rate: Row[] = [];
  const classes: Row[] = [];
  const latency: Row[] = [];
  for (const b of series.buckets) {
    const r: Row = { at: b.at };
    for (const k of keys) r[k] = b.byKey[k]!.rps;
    rate.push(r);
    const p = selected === ALL ? b.total : b.byKey[selected]!;
    classes.push({ at: b.at, ...p.classes });
    latency.push({ at: b.at, p50: p.p50, p95: p.p95, p99: p.p99 });
  }
  const last = series.buckets.at(-1);
  const lastPoint = last ? (selected === ALL ? last.total : last.byKey[selected]) : undefined;
  // Live fills the width from the first roll-up (a gateway that just started); longer ranges show their whole span.
  const from = range === "5m" ? chartFrom(series.buckets[0]?.at, now, data.spanMs) : now - data.spanMs;
  const focusName = selected === ALL ? "" : ` of ${seriesLabel(selected)}`;
  const shownClasses = STATUS_CLASSES.filter((c) => c !== "3xx" || series.buckets.some((b) => b.total.classes["3xx"] > 0));
  const rejected = lastPoint ? lastPoint.classes["429"] : 0;

  return (
    <section className="section" aria-labelledby="traffic-heading" data-testid="traffic-section" data-range={range} data-from={Math.round(from)} data-to={now}>
      <div className="section-head">
        <h2 id="traffic-heading">Traffic</h2>
        <div className="chart-controls">
          <Segmented label="Time range" name="traffic-range" options={TRAFFIC_RANGES} value={range} onChange={setRange} text={(r) => TRAFFIC_RANGE_SPEC[r].label} />
          <Segmented label="Group traffic by" name="group-by" options={["route", "service"] as const} value={groupBy} onChange={setGroupBy} text={(g) => `Per ${g}`} />
          <label className="inline-field">
            <span>Status and latency of</span>
            <select value={selected} onChange={(e) => setFocus(e.target.value)}>
              <option value={ALL}>all traffic</option>
              {series.keys.map((k) => (
                <option key={k} value={k}>
                  {seriesLabel(k)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {data.error ? <ErrorNotice error={data.error} title="Could not read the traffic the gateways kept." /> : null}
      {data.unreachable.length > 0 ? (
        <p className="notice notice-warning" role="status">
          Some gateways did not give their traffic history, so this range lacks their requests: {data.unreachable.join("; ")}.
        </p>
      ) : null}
      {series.buckets.length === 0 ? (
        <p className="empty" data-testid="no-traffic">
          {data.loading && range !== "5m"
            ? "Loading the traffic the gateways kept…"
            : range === "5m"
              ? "No traffic roll-ups yet. Gateways publish one every few seconds; send requests through the gateway to see them here."
              : `No traffic in the last ${TRAFFIC_RANGE_SPEC[range].label}. Its points are ${TRAFFIC_RANGE_SPEC[range].bucketMs / 1000} s buckets; the first appears when one closes.`}
        </p>
      ) : (
        <>
          <div className="chart-grid chart-grid-wide">
            <ChartCard
              title="Requests per second"
              testId="chart-requests"
              summary={last ? `${formatNumber(last.total.rps)} req/s now` : ""}
              legend={<SeriesLegend label={`Series per ${groupBy}`} entries={keys.map((k) => ({ key: k, label: seriesLabel(k), colour: colourOf(k) }))} hidden={hiddenKeys} onToggle={(k) => setHiddenKeys((h) => toggled(h, k))} />}
            >
              <LineChart data={rate} margin={MARGIN}>
                {axes(from, now, "")}
                {keys.map((k) => (
                  <Line key={k} dataKey={k} name={seriesLabel(k)} type="linear" stroke={colourOf(k)} strokeWidth={2} dot={false} hide={hiddenKeys.has(k)} isAnimationActive={false} />
                ))}
              </LineChart>
            </ChartCard>
            <ChartCard
              title={`Answers by status class${focusName}`}
              testId="chart-status"
              summary={lastPoint ? (lastPoint.rps === 0 ? "no requests now" : `${formatNumber(rejected)} rate limited/s now`) : ""}
              legend={<SeriesLegend label="Status classes" entries={shownClasses.map((c) => ({ key: c, label: CLASS_LABEL[c], colour: CLASS_COLOUR[c] }))} hidden={hiddenClasses} onToggle={(k) => setHiddenClasses((h) => toggled(h, k))} />}
            >
              <AreaChart data={classes} margin={MARGIN}>
                {axes(from, now, "/s")}
                {shownClasses.map((c) => (
                  <Area key={c} dataKey={c} name={CLASS_LABEL[c]} stackId="classes" type="linear" stroke={CLASS_COLOUR[c]} fill={CLASS_COLOUR[c]} fillOpacity={0.35} hide={hiddenClasses.has(c)} isAnimationActive={false} />
                ))}
              </AreaChart>
            </ChartCard>
            <ChartCard
              title={`Latency${focusName}`}
              testId="chart-latency"
              summary={lastPoint ? (lastPoint.p99 === null ? "no requests now" : `p99 ${formatNumber(lastPoint.p99)} ms now`) : ""}
              legend={<SeriesLegend label="Percentiles" entries={LATENCY.map((l) => ({ key: l.key, label: l.key, colour: l.colour }))} hidden={hiddenLatency} onToggle={(k) => setHiddenLatency((h) => toggled(h, k))} />}
            >
              <LineChart data={latency} margin={MARGIN}>
                {axes(from, now, " ms")}
                {LATENCY.map((l) => (
                  <Line key={l.key} dataKey={l.key} name={l.key} type="linear" stroke={l.colour} strokeWidth={2} dot={false} connectNulls hide={hiddenLatency.has(l.key)} isAnimationActive={false} />
                ))}
              </LineChart>
            </ChartCard>
          </div>
          {series.keys.length > MAX_SERIES ? <p className="hint">The {MAX_SERIES} busiest of {series.keys.length} are drawn; the table lists them all.</p> : null}
          <h3 className="subhead">Per {groupBy}, {TRAFFIC_RANGE_SPEC[range].label.toLowerCase()}</h3>
          <RouteTrafficTable rows={routeRows(data.buffer, groupBy)} groupBy={groupBy} />
          <p className="hint">
            Counts of answers over the range; 4xx leaves out 429 (rate limited). Across windows and gateways, p50 is the request-weighted mean and p95/p99 the highest window&apos;s
            value.
          </p>
        </>
      )}
    </section>
  );
}
