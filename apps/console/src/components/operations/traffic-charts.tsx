"use client";
// Traffic per route or per service over a time range (live 5 min, 15 min, 1 h: use-traffic-range.ts):
// requests per second, answers by status class (2xx, 3xx, 4xx, 429, 5xx: not an "error rate" that
// counts only 5xx), latency (p50/p95/p99), and the table of every route over the range. Legends
// toggle their series; a route keeps its colour (series-colours.ts).
import { useMemo, useState } from "react";
import { TRAFFIC_RANGE_SPEC, TRAFFIC_RANGES, type TTrafficRange } from "@tta/domain/browser";
import { ErrorNotice } from "../ui/error-notice";
import { chartFrom } from "./chart-parts";
import { formatNumber } from "./format";
import { RouteTrafficTable, seriesLabel } from "./route-traffic-table";
import { routeRows } from "./route-table";
import { STATUS_CLASSES } from "./status-classes";
import { LatencyChart, RateChart, StatusChart, type Row } from "./traffic-chart-cards";
import { trafficSeries, type GroupBy, type TrafficBuffer } from "./traffic-buffer";
import { useTrafficRange } from "./use-traffic-range";

/** More lines than this would be unreadable; every series is in the table. */
const MAX_SERIES = 8;
const ALL = "__all__";

/** The charts' points and the table's rows, worked out again only when the roll-ups or the choices change. */
function chartModel(buffer: TrafficBuffer, groupBy: GroupBy, focus: string) {
  const series = trafficSeries(buffer, groupBy);
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
  const shownClasses = STATUS_CLASSES.filter((c) => c !== "3xx" || series.buckets.some((b) => b.total.classes["3xx"] > 0));
  return { series, keys, selected, rate, classes, latency, last, lastPoint, shownClasses, table: routeRows(buffer, groupBy) };
}

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
  const model = useMemo(() => chartModel(data.buffer, groupBy, focus), [data.buffer, groupBy, focus]);
  const { series, keys, selected, last, lastPoint } = model;
  // Live fills the width from the first roll-up (a gateway that just started); longer ranges show their whole span.
  const to = data.to;
  const from = range === "5m" ? chartFrom(series.buckets[0]?.at, to, data.spanMs) : to - data.spanMs;
  const of = selected === ALL ? "" : ` of ${seriesLabel(selected)}`;
  const rejected = lastPoint ? lastPoint.classes["429"] : 0;

  return (
    <section className="section" aria-labelledby="traffic-heading" data-testid="traffic-section" data-range={range} data-from={Math.round(from)} data-to={to}>
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
            <RateChart rows={model.rate} from={from} to={to} summary={last ? `${formatNumber(last.total.rps)} req/s now` : ""} hidden={hiddenKeys} setHidden={setHiddenKeys} keys={keys} groupBy={groupBy} />
            <StatusChart
              rows={model.classes}
              from={from}
              to={to}
              summary={lastPoint ? (lastPoint.rps === 0 ? "no requests now" : `${formatNumber(rejected)} rate limited/s now`) : ""}
              hidden={hiddenClasses}
              setHidden={setHiddenClasses}
              classes={model.shownClasses}
              of={of}
            />
            <LatencyChart
              rows={model.latency}
              from={from}
              to={to}
              summary={lastPoint ? (lastPoint.p99 === null ? "no requests now" : `p99 ${formatNumber(lastPoint.p99)} ms now`) : ""}
              hidden={hiddenLatency}
              setHidden={setHiddenLatency}
              of={of}
            />
          </div>
          {series.keys.length > MAX_SERIES ? <p className="hint">The {MAX_SERIES} busiest of {series.keys.length} are drawn; the table lists them all.</p> : null}
          <h3 className="subhead">
            Per {groupBy}, {TRAFFIC_RANGE_SPEC[range].label.toLowerCase()}
          </h3>
          <RouteTrafficTable rows={model.table} groupBy={groupBy} />
          <p className="hint">
            Counts of answers over the range; 4xx leaves out 429 (rate limited). Across windows and gateways, p50 is the request-weighted mean and p95/p99 the highest window&apos;s
            value.
          </p>
        </>
      )}
    </section>
  );
}
