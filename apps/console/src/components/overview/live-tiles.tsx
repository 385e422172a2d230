"use client";
// The tiles fed by the gateways' live stream (the Operations page's data, use-live-operations.ts):
// gateways up, request rate, answers by status class, p99, open breakers, instances out of rotation.
import { formatNumber } from "../operations/format";
import type { LiveView } from "../operations/live-state";
import type { TrafficBuffer } from "../operations/traffic-buffer";
import { liveFigures, type NamedInstance } from "./live-figures";
import { Tile } from "./tile";
import { SUMMARY_SPAN_MS, trafficSummary } from "./traffic-summary";

const SPAN = `last ${SUMMARY_SPAN_MS / 1000} s`;
/** More names than this are summed up ("and 4 more"). */
const MAX_NAMES = 3;

function Names({ list, none }: { list: NamedInstance[]; none: string }) {
  if (list.length === 0) return <span className="tile-sub">{none}</span>;
  const shown = list.slice(0, MAX_NAMES);
  return (
    <span className="tile-names">
      {shown.map((i) => (
        <span key={`${i.service}|${i.instance}`} className="tile-name" title={`${i.service} ${i.instance}`}>
          {i.service} <span className="muted">{i.instance}</span>
        </span>
      ))}
      {list.length > shown.length ? <span className="tile-sub">and {list.length - shown.length} more</span> : null}
    </span>
  );
}

const pct = (v: number | null) => (v === null ? "–" : `${formatNumber(v)} %`);

export function LiveTiles({ view, traffic, now, liveRevision }: { view: LiveView; traffic: TrafficBuffer; now: number; liveRevision: number | null }) {
  const f = liveFigures(view, now);
  const t = trafficSummary(traffic, now);
  const behind = f.runningRevisions.filter((r) => liveRevision !== null && r !== liveRevision);
  const failedTone = t.failedRate === null ? "none" : t.failedRate >= 5 ? "alert" : t.failedRate > 0 ? "warn" : "ok";

  return (
    <>
      <Tile
        href="/operations"
        goesTo="Operations"
        label="Gateways up"
        testId="tile-gateways"
        value={f.gatewaysKnown === 0 ? "0" : `${f.gatewaysUp} of ${f.gatewaysKnown}`}
        dataValue={f.gatewaysUp}
        tone={f.gatewaysUp === 0 ? "alert" : f.gatewaysUp < f.gatewaysKnown ? "warn" : "ok"}
      >
        <span className="tile-sub">
          {f.gatewaysKnown === 0
            ? "No gateway has reported yet."
            : behind.length > 0
              ? `Running ${f.runningRevisions.map((r) => (r === null ? "no config" : `r${r}`)).join(", ")}: not all on the live revision yet.`
              : f.runningRevisions.length === 1 && f.runningRevisions[0] !== null
                ? `All running revision ${f.runningRevisions[0]}.`
                : "Heartbeat every second."}
        </span>
      </Tile>
      <Tile href="/operations" goesTo="Operations" label="Request rate" testId="tile-request-rate" value={t.rps === null ? "–" : `${formatNumber(t.rps)} req/s`} dataValue={t.rps ?? ""}>
        <span className="tile-sub">{t.rps === null ? "No traffic roll-up yet." : `${t.requests} requests, ${SPAN}`}</span>
      </Tile>
      <Tile href="/operations" goesTo="Operations" label="Error rates" testId="tile-errors" value={pct(t.failedRate)} dataValue={t.failedRate ?? ""} tone={failedTone}>
        <dl className="tile-list" aria-label="Answers by status class">
          {t.classes ? (
            t.classes.map((c) => (
              <div key={c.name} className="tile-row" data-testid={`status-class-${c.name}`}>
                <dt>{c.name}</dt>
                <dd>{pct(c.rate)}</dd>
              </div>
            ))
          ) : (
            <div className="tile-row" data-testid="status-class-5xx">
              <dt>5xx and cut answers</dt>
              <dd>{pct(t.failedRate)}</dd>
            </div>
          )}
        </dl>
        <span className="tile-sub">{t.classes ? SPAN : `${SPAN}; the gateways report no other classes yet.`}</span>
      </Tile>
      <Tile href="/operations" goesTo="Operations" label="p99 latency" testId="tile-p99" value={t.p99 === null ? "–" : `${formatNumber(t.p99)} ms`} dataValue={t.p99 ?? ""}>
        <span className="tile-sub">{t.p99 === null ? `No requests, ${SPAN}.` : `Slowest route's p99, ${SPAN}`}</span>
      </Tile>
      <Tile
        href="/operations"
        goesTo="Operations"
        label="Open breakers"
        testId="tile-breakers"
        value={String(f.breakersOpen.length)}
        dataValue={f.breakersOpen.length}
        tone={f.breakersOpen.length > 0 ? "alert" : f.breakersHalfOpen > 0 ? "warn" : "ok"}
      >
        <Names list={f.breakersOpen} none={f.breakersHalfOpen > 0 ? `${f.breakersHalfOpen} half-open (probing)` : "Every breaker closed."} />
      </Tile>
      <Tile
        href="/operations"
        goesTo="Operations"
        label="Out of rotation"
        testId="tile-out-of-rotation"
        value={String(f.outOfRotation.length)}
        dataValue={f.outOfRotation.length}
        tone={f.outOfRotation.length > 0 ? "alert" : "ok"}
      >
        <Names list={f.outOfRotation} none={`All ${f.instances} instances in rotation.`} />
      </Tile>
    </>
  );
}
