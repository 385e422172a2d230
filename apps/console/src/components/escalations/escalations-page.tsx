"use client";
// /escalations. Clinicians: the live queue (crisis first), new events highlighted and announced
// with a sound, an event's detail with its steps. Operators and admins who are not clinicians:
// the counts only (the server refuses them the content anyway).
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import type { TEscalationSummary } from "@tta/domain/browser";
import { useCurrentUser } from "../current-user";
import { ConnectionStatus } from "../operations/connection-status";
import { useNow } from "../operations/use-now";
import { ErrorNotice } from "../ui/error-notice";
import { useTableState } from "../ui/table/use-table-state";
import { mostSevere } from "./arrivals";
import { CountsView } from "./counts-view";
import { EventDetail } from "./event-detail";
import { QUEUE_FILTERS, QueueTable, QueueToolbar } from "./queue-table";
import { SoundToggle } from "./sound-toggle";
import { useAlertSound } from "./use-alert-sound";
import { useEscalationQueue } from "./use-escalation-queue";

export function EscalationsPage() {
  const { user } = useCurrentUser();
  if (user.roles.includes("clinician")) return <ClinicianQueue meId={user.id} />;
  if (user.roles.includes("admin") || user.roles.includes("operator")) return <CountsOnly />;
  return (
    <>
      <h1>Escalations</h1>
      <div className="notice notice-error" role="alert" data-testid="escalations-not-allowed">
        <strong>Not allowed.</strong> The escalation queue is for clinicians. Ask an admin for the clinician role if you need it.
      </div>
    </>
  );
}

function CountsOnly() {
  const now = useNow();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Escalations</h1>
          <p className="muted">How many therapeutic events are waiting, by severity and status.</p>
        </div>
      </div>
      <p className="notice" data-testid="counts-only-notice">
        Counts only: what players wrote and what clinicians noted is shown to clinicians alone.
      </p>
      <CountsView now={now} />
    </>
  );
}

function announcement(events: TEscalationSummary[]): string {
  const worst = mostSevere(events);
  return events.length === 1 ? `New ${worst} escalation.` : `${events.length} new escalations, the most severe ${worst}.`;
}

function ClinicianQueue({ meId }: { meId: string }) {
  const now = useNow();
  const sound = useAlertSound();
  const [announced, setAnnounced] = useState("");
  // ?event=evt_… (the audit log links events so) opens that event's detail.
  const linked = useSearchParams().get("event");
  const [selectedId, setSelectedId] = useState<string | null>(linked);
  const table = useTableState({ filters: QUEUE_FILTERS, pageSize: 25 });
  const { play } = sound;
  const onArrived = useCallback(
    (events: TEscalationSummary[]) => {
      play(mostSevere(events) ?? "medium");
      setAnnounced(announcement(events));
    },
    [play],
  );
  const live = useEscalationQueue(onArrived);
  const events = live.queue.data ?? [];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Escalations</h1>
          <p className="muted">Open and acknowledged events, most severe first, then the longest waiting. Excerpts are masked.</p>
        </div>
        <div className="head-controls">
          <Link href="/escalations/history" className="button">
            History
          </Link>
          <ConnectionStatus status={live.status} lastEventAt={live.lastEventAt} now={now} onRetry={live.reconnect} />
          <SoundToggle state={sound.state} played={sound.played} onToggle={sound.toggleMuted} />
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="assertive" data-testid="queue-announcer">
        {announced}
      </p>
      {live.status === "error" && live.streamError ? <ErrorNotice error={live.streamError} title="The live queue stopped." /> : null}
      <CountsView now={now} />
      <div className={selectedId ? "queue-layout queue-layout-split" : "queue-layout"}>
        <section className="section section-first" aria-labelledby="queue-heading">
          <h2 id="queue-heading">Queue</h2>
          {live.queue.error ? <ErrorNotice error={live.queue.error} title="Could not load the queue." /> : null}
          {live.queue.data && live.queue.data.length > 0 ? <QueueToolbar table={table} /> : null}
          {live.queue.data ? (
            <QueueTable events={events} table={table} arrivals={live.arrivals} now={now} selectedId={selectedId} meId={meId} onSelect={setSelectedId} />
          ) : live.queue.error ? null : (
            <p className="muted">Loading…</p>
          )}
        </section>
        {selectedId ? <EventDetail key={selectedId} id={selectedId} meId={meId} onClose={() => setSelectedId(null)} /> : null}
      </div>
    </>
  );
}
