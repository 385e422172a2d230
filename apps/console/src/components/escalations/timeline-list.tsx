// An event's timeline, oldest first: who did what, when, under which correlation id.
import type { TTimelineEntry } from "@tta/domain/browser";
import { formatTime } from "../ui/format";

const KIND_LABEL: Record<TTimelineEntry["kind"], string> = {
  created: "Created",
  acknowledged: "Acknowledged",
  assigned: "Assigned",
  note: "Note",
  resolved: "Resolved",
  repeated: "Repeated",
  other: "Other",
};

export function TimelineList({ entries }: { entries: TTimelineEntry[] }) {
  return (
    <ol className="timeline" aria-label="Timeline" data-testid="event-timeline">
      {entries.map((t, i) => (
        <li key={`${t.action}-${t.at.getTime()}-${i}`} className={`timeline-entry timeline-${t.kind}`} data-testid="timeline-entry" data-kind={t.kind}>
          <div className="timeline-head">
            <span className="strong">{KIND_LABEL[t.kind]}</span>
            <span className="muted">
              {" "}
              {formatTime(t.at)} · {t.actor ?? "gateway"}
            </span>
          </div>
          {t.text ? <p className={t.kind === "note" ? "timeline-note-body" : "timeline-text"}>{t.text}</p> : null}
          {t.correlationId ? <code className="timeline-correlation">{t.correlationId}</code> : null}
        </li>
      ))}
    </ol>
  );
}
