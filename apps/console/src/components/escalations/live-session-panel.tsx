"use client";
// The player's live WebSocket session behind an event: Follow shows its next messages as they
// come (masked; in = the player, out = to the player), Stop ends it, and the form sends the player
// a message from the signed-in clinician. Both are audited by the server; the text of a message
// is not kept in the audit log.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { SESSION_MESSAGE_MAX_CHARS } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { FieldError } from "../routes/field";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { formatTime } from "../ui/format";
import { DIRECTION_LABEL } from "./follow-log";
import { useSessionFollow, type FollowStatus } from "./use-session-follow";

const STATUS_LABEL: Record<FollowStatus, string> = {
  idle: "Not following",
  connecting: "Connecting…",
  live: "Following live",
  reconnecting: "Reconnecting…",
  ended: "The session ended",
  error: "Stopped",
};

export function LiveSessionPanel({ eventId, sessionId }: { eventId: string; sessionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = useSessionFollow(eventId);
  const [text, setText] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const send = useMutation(
    trpc.escalations.sendMessage.mutationOptions({
      onMutate: () => setSent(null),
      onSuccess: (answer) => {
        setText("");
        setSent(`Sent to the player at ${formatTime(answer.sentAt)}.`);
      },
      onSettled: () => queryClient.invalidateQueries(trpc.escalations.get.queryFilter({ id: eventId })),
    }),
  );
  const textError = fieldErrorsOf(send.error)?.find((e) => e.path === "text")?.message;
  const following = live.status === "connecting" || live.status === "live" || live.status === "reconnecting";

  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate({ id: eventId, text });
  }

  return (
    <section className="live-session" aria-labelledby="live-session-heading" data-testid="live-session" data-status={live.status}>
      <div className="live-session-head">
        <h3 id="live-session-heading">Live session</h3>
        <span className={`live-status live-status-${live.status}`} data-testid="live-session-status">
          <span className="live-dot" aria-hidden="true" />
          <span role="status" aria-live="polite">
            {STATUS_LABEL[live.status]}
          </span>
        </span>
      </div>
      <p className="hint">
        Session <code>{sessionId}</code>. Following shows the messages from now on, with personal data masked; it is recorded in the audit log.
      </p>
      <div className="form-actions">
        {following ? (
          <button type="button" className="button" onClick={live.stop}>
            Stop<span className="visually-hidden"> following the live session</span>
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={live.follow}>
            Follow<span className="visually-hidden"> the live session</span>
          </button>
        )}
      </div>
      {live.problem ? (
        <p className="notice notice-error" role="alert" data-testid="live-session-problem" data-code={live.problem.code}>
          {live.problem.message}
        </p>
      ) : null}
      {live.messages.length === 0 ? (
        following ? (
          <p className="muted" data-testid="live-session-empty">
            Waiting for the next message…
          </p>
        ) : null
      ) : (
        <ol className="live-messages" aria-label="Live session messages" aria-live="polite" data-testid="live-session-messages">
          {live.messages.map((m, i) => (
            <li key={`${m.direction}-${m.offset ?? i}-${i}`} className={`live-message live-message-${m.direction}`} data-testid="live-session-message" data-direction={m.direction} data-offset={m.offset}>
              <div className="live-message-head">
                <span className="strong">{DIRECTION_LABEL[m.direction]}</span> <span className="muted">{formatTime(new Date(m.at))}</span>
              </div>
              <p className="live-message-text">{m.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form className="note-form" onSubmit={submit} noValidate aria-label="Message the player">
        {send.error && !textError ? <ErrorNotice error={send.error} title="Not sent." /> : null}
        {sent ? (
          <p className="notice notice-success" role="status" data-testid="session-message-result">
            {sent}
          </p>
        ) : null}
        <div className={textError ? "field field-invalid" : "field"}>
          <label htmlFor="session-message">Message to the player</label>
          <textarea
            id="session-message"
            rows={3}
            maxLength={SESSION_MESSAGE_MAX_CHARS}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={Boolean(textError)}
            aria-describedby={textError ? "field-error-session-text" : "hint-session-message"}
          />
          <p id="hint-session-message" className="hint">
            Delivered in the player&apos;s chat as from the care team, or when they reconnect. The audit log keeps its length, not its text.
          </p>
          <FieldError name="session-text" error={textError} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={send.isPending || text.trim() === ""}>
            {send.isPending ? "Sending…" : "Send"}
          </button>
        </div>
      </form>
    </section>
  );
}
