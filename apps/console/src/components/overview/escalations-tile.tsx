"use client";
// Open escalations by severity: numbers for everyone allowed them, and for clinicians the most
// urgent waiting event's kind too (never what a player wrote: the overview is seen over shoulders).
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { useEscalationCounts } from "../escalations/counts-view";
import { categoryLabel, formatWaiting, SEVERITY_ORDER } from "../escalations/labels";
import { Tile } from "./tile";

function MostUrgent({ now }: { now: number }) {
  const trpc = useTRPC();
  const queue = useQuery(trpc.escalations.queue.queryOptions(undefined, { refetchInterval: 5_000, staleTime: 0 }));
  const first = queue.data?.[0];
  if (!first) return null;
  return (
    <span className="tile-sub" data-testid="tile-most-urgent">
      Most urgent: {first.severity} {categoryLabel(first.type).toLowerCase()}, waiting {formatWaiting(first.createdAt, now)}
    </span>
  );
}

export function EscalationsTile({ now, clinician }: { now: number; clinician: boolean }) {
  const counts = useEscalationCounts();
  const c = counts.data;
  const tone = !c ? "none" : c.bySeverity.critical > 0 ? "alert" : c.unresolved > 0 ? "warn" : "ok";
  return (
    <Tile href="/escalations" goesTo="Escalations" label="Open escalations" testId="tile-escalations" value={c ? String(c.unresolved) : "–"} dataValue={c?.unresolved ?? ""} tone={tone}>
      {counts.error ? <span className="tile-sub">Could not load the escalation counts.</span> : null}
      {c ? (
        <dl className="tile-list tile-list-row" aria-label="Open escalations by severity">
          {SEVERITY_ORDER.map((s) => (
            <div key={s} className={s === "critical" && c.bySeverity.critical > 0 ? "tile-row tile-row-alert" : "tile-row"}>
              <dt>{s}</dt>
              <dd data-testid={`tile-severity-${s}`}>{c.bySeverity[s]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {c ? <span className="tile-sub">{c.oldestUnresolvedAt ? `Oldest waiting ${formatWaiting(c.oldestUnresolvedAt, now)}` : "None waiting."}</span> : null}
      {clinician ? (
        <MostUrgent now={now} />
      ) : (
        <span className="tile-sub" data-testid="tile-counts-only">
          Counts only: the events themselves are for clinicians.
        </span>
      )}
    </Tile>
  );
}
