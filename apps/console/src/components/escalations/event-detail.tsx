"use client";
// One event for a clinician: the masked excerpt, how often it was detected (repeats of one client
// folded into it), its signals, the player's ids, its timeline, the steps that can still be taken
// and, for an event that came over a WebSocket session, that live session.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { WEBSOCKET_CHANNEL } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";
import { formatTime } from "../ui/format";
import { EventActions } from "./event-actions";
import { auditTrailHref } from "./audit-trail";
import { categoryLabel, repeatLabel, STATUS_LABEL } from "./labels";
import { LiveSessionPanel } from "./live-session-panel";
import { SeverityTag } from "./queue-table";
import { TimelineList } from "./timeline-list";

export function EventDetail({ id, meId, onClose }: { id: string; meId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const { isAdmin } = useCurrentUser();
  const detail = useQuery(trpc.escalations.get.queryOptions({ id }, { staleTime: 0 }));
  const e = detail.data;
  const section = useRef<HTMLElement>(null);
  // Below the split width the event opens under the queue: bring it into view.
  // A block body: Chromium's scrollIntoView now returns a promise, which React would take for the
  // effect's cleanup and call when the panel closes or another event opens ("is not a function").
  useEffect(() => {
    section.current?.scrollIntoView({ block: "nearest" });
  }, []);
  return (
    <section ref={section} className="event-detail" aria-labelledby="event-heading" data-testid="event-detail" data-event-id={id} data-status={e?.status}>
      <div className="section-head">
        <h2 id="event-heading">{e ? categoryLabel(e.type) : "Event"}</h2>
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          Close
        </button>
      </div>
      {detail.error ? <ErrorNotice error={detail.error} title="Could not load this event." /> : null}
      {!e ? (
        detail.error ? null : <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="event-meta">
            <SeverityTag severity={e.severity} />
            <span className="tag" data-testid="event-status">
              {STATUS_LABEL[e.status]}
            </span>
            {e.escalated ? <span className="tag tag-changed">escalated</span> : null}
            {repeatLabel(e.repeatCount) ? (
              <span className="tag tag-changed" data-testid="event-repeats">
                {repeatLabel(e.repeatCount)}
              </span>
            ) : null}
            {e.assignee ? <span className="muted">Assigned to {e.assignee.id === meId ? "you" : e.assignee.name}</span> : null}
          </p>
          <blockquote className="excerpt" data-testid="event-excerpt">
            {e.excerpt}
          </blockquote>
          <dl className="summary">
            <div>
              <dt>Detected</dt>
              <dd>{formatTime(e.createdAt)}</dd>
            </div>
            {e.repeatCount > 1 ? (
              <div>
                <dt>Last detected</dt>
                <dd>{formatTime(e.lastSeenAt)}</dd>
              </div>
            ) : null}
            <div>
              <dt>Route</dt>
              <dd>{e.routeName ?? "none"}</dd>
            </div>
            <div>
              <dt>Player</dt>
              <dd>
                <code>{e.userId ?? "anonymous"}</code>
              </dd>
            </div>
            <div>
              <dt>Session</dt>
              <dd>
                <code>{e.sessionId ?? "none"}</code>
              </dd>
            </div>
            <div>
              <dt>Correlation id</dt>
              <dd>
                <code>{e.correlationId}</code>
              </dd>
            </div>
            <div>
              <dt>Audit trail</dt>
              <dd>
                {isAdmin ? (
                  <Link href={auditTrailHref(e.id)} data-testid="event-audit-link">
                    Every step of this event in the audit log
                  </Link>
                ) : (
                  <span className="muted">in the audit log, for admins; the timeline below shows the same steps</span>
                )}
              </dd>
            </div>
          </dl>
          <h3>Signals</h3>
          {e.signals.length === 0 ? (
            <p className="muted">No signal details were recorded.</p>
          ) : (
            <div className="table-scroll">
              <table className="table table-compact signals-table" aria-label="Signals" data-testid="event-signals">
                <thead>
                  <tr>
                    <th scope="col">Category</th>
                    <th scope="col">Severity</th>
                    <th scope="col">Matched (masked)</th>
                    <th scope="col">Rule</th>
                  </tr>
                </thead>
                <tbody>
                  {e.signals.map((s, i) => (
                    <tr key={`${s.rule}-${i}`}>
                      <td>{categoryLabel(s.category)}</td>
                      <td>
                        <SeverityTag severity={s.severity} />
                      </td>
                      <td>{s.match ?? ""}</td>
                      <td>
                        <code>{s.rule ?? ""}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <EventActions event={e} meId={meId} />
          {e.channel === WEBSOCKET_CHANNEL && e.sessionId ? <LiveSessionPanel eventId={e.id} sessionId={e.sessionId} /> : null}
          <h3>Timeline</h3>
          <TimelineList entries={e.timeline} />
        </>
      )}
    </section>
  );
}
