"use client";
// Escalation numbers without any content: for operators and admins who are not clinicians (the
// whole page), and above the clinicians' queue. Reloaded every few seconds; the queue reloads it
// at once on every live change.
import { useQuery } from "@tanstack/react-query";
import type { TEscalationCounts } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { ErrorNotice } from "../ui/error-notice";
import { formatWaiting, SEVERITY_ORDER } from "./labels";

const REFRESH_MS = 2_000;

export function useEscalationCounts() {
  const trpc = useTRPC();
  return useQuery(trpc.escalations.counts.queryOptions(undefined, { refetchInterval: REFRESH_MS, staleTime: 0 }));
}

export function CountsView({ now }: { now: number }) {
  const counts = useEscalationCounts();
  if (counts.error) return <ErrorNotice error={counts.error} title="Could not load the escalation counts." />;
  if (!counts.data) return <p className="muted">Loading…</p>;
  return <CountsCards counts={counts.data} now={now} />;
}

export function CountsCards({ counts, now }: { counts: TEscalationCounts; now: number }) {
  return (
    <section className="counts" aria-label="Escalation counts" data-testid="escalation-counts">
      <div className={counts.bySeverity.critical > 0 ? "count-card count-card-alert" : "count-card"}>
        <span className="count-label" id="count-unresolved-label">
          Unresolved
        </span>
        <span className="count-value" aria-labelledby="count-unresolved-label" data-testid="count-unresolved">
          {counts.unresolved}
        </span>
        <span className="count-sub">
          {counts.oldestUnresolvedAt ? `oldest waiting ${formatWaiting(counts.oldestUnresolvedAt, now)}` : "none waiting"}
        </span>
      </div>
      <dl className="count-card count-list" aria-label="Unresolved by severity">
        {SEVERITY_ORDER.map((s) => (
          <div key={s} className={`count-row sev-${s}`}>
            <dt>{s}</dt>
            <dd data-testid={`count-severity-${s}`}>{counts.bySeverity[s]}</dd>
          </div>
        ))}
      </dl>
      <dl className="count-card count-list" aria-label="By status">
        {(["open", "acknowledged", "resolved"] as const).map((s) => (
          <div key={s} className="count-row">
            <dt>{s}</dt>
            <dd data-testid={`count-status-${s}`}>{counts.byStatus[s]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
