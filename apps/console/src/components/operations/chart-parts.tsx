"use client";
// What every operations chart shares: the card (title, "now" figure), the axes, a tooltip that
// stays inside its card (at most a few rows, wrapping names), and a legend whose entries toggle
// their series (a button each, aria-pressed).
import { useId } from "react";
import { CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatClock, formatNumber, timeTicks } from "./format";

export function ChartCard({ title, testId, summary, legend, children }: { title: string; testId: string; summary: string; legend?: React.ReactNode; children: React.ReactElement }) {
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
      {legend}
    </figure>
  );
}

/** At least the last minute: a gateway that just started fills the width. */
export const MIN_SPAN_MS = 60_000;

/** Where a chart's time axis starts: the range's start, or later while there is less data. */
export function chartFrom(firstAt: number | undefined, now: number, spanMs: number): number {
  return Math.max(now - spanMs, Math.min(firstAt ?? now, now - MIN_SPAN_MS));
}

/** More rows than this and the tooltip would outgrow a phone-sized card: the rest are summed up. */
const TOOLTIP_ROWS = 6;

function ChartTooltip({ active, payload, label, unit }: TooltipContentProps<number, string> & { unit: string }) {
  if (!active || !payload || payload.length === 0) return null;
  const rows = [...payload].filter((p) => typeof p.value === "number").sort((a, b) => Number(b.value) - Number(a.value));
  const shown = rows.slice(0, TOOLTIP_ROWS);
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">{formatClock(Number(label))}</div>
      <ul>
        {shown.map((p) => (
          <li key={String(p.dataKey)}>
            <span className="swatch" style={{ background: p.color ?? p.stroke }} aria-hidden="true" />
            <span className="chart-tooltip-name">{p.name}</span>
            <span className="chart-tooltip-value">
              {formatNumber(Number(p.value))}
              {unit}
            </span>
          </li>
        ))}
      </ul>
      {rows.length > shown.length ? <div className="muted">and {rows.length - shown.length} more</div> : null}
    </div>
  );
}

export function axes(from: number, now: number, unit: string) {
  return [
    <CartesianGrid key="grid" stroke="#e6e9ee" vertical={false} />,
    <XAxis key="x" dataKey="at" type="number" scale="time" domain={[from, now]} ticks={timeTicks(from, now)} tickFormatter={formatClock} tick={{ fontSize: 11, fill: "#5b6470" }} minTickGap={24} />,
    <YAxis key="y" width={unit.length > 1 ? 60 : 48} tick={{ fontSize: 11, fill: "#5b6470" }} unit={unit} allowDecimals />,
    <Tooltip
      key="tip"
      content={(props) => <ChartTooltip {...(props as TooltipContentProps<number, string>)} unit={unit} />}
      allowEscapeViewBox={{ x: false, y: false }}
      wrapperStyle={{ maxWidth: "min(16rem, 90%)", zIndex: 2, pointerEvents: "none" }}
      isAnimationActive={false}
    />,
  ];
}

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
}

/** The chart's legend: one toggle per series; a hidden series keeps its entry, struck through. */
export function SeriesLegend({ label, entries, hidden, onToggle }: { label: string; entries: readonly LegendEntry[]; hidden: ReadonlySet<string>; onToggle: (key: string) => void }) {
  return (
    <ul className="series-legend" aria-label={label}>
      {entries.map((e) => (
        <li key={e.key}>
          <button type="button" className="legend-toggle" aria-pressed={!hidden.has(e.key)} onClick={() => onToggle(e.key)} title={hidden.has(e.key) ? `Show ${e.label}` : `Hide ${e.label}`}>
            <span className="swatch" style={{ background: e.colour }} aria-hidden="true" />
            {e.label}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A set toggled by legend clicks, as React state. */
export function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
