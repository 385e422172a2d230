"use client";
// Whether the page is receiving live events: live, connecting, reconnecting (it was live and the
// stream dropped; the client retries by itself), or stopped with an error and a retry button.
import { formatAge } from "./format";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "error";

const LABEL: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  error: "Disconnected",
};

export function ConnectionStatus({ status, lastEventAt, now, onRetry }: { status: LiveStatus; lastEventAt: number | null; now: number; onRetry: () => void }) {
  return (
    <div className={`live-status live-status-${status}`} data-testid="live-status" data-status={status}>
      <span className="live-dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        {LABEL[status]}
      </span>
      {lastEventAt !== null ? <span className="muted live-age">last event {formatAge(lastEventAt, now)}</span> : null}
      {status === "error" ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          Reconnect
        </button>
      ) : null}
    </div>
  );
}
