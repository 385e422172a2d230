"use client";
// A clinician's steps on one event: Acknowledge, Assign to me, Resolve (after a confirmation) and
// notes. Each reloads the queue, the counts and the event; a step someone else took first comes
// back as a conflict with the reason.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TEscalationDetail } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { FieldError } from "../routes/field";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";

export function EventActions({ event, meId }: { event: TEscalationDetail; meId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState("");
  const options = (text: string) => ({
    onMutate: () => setDone(null),
    onSuccess: () => setDone(text),
    onSettled: () => queryClient.invalidateQueries(trpc.escalations.pathFilter()),
  });
  const acknowledge = useMutation(trpc.escalations.acknowledge.mutationOptions(options("Acknowledged.")));
  const assign = useMutation(trpc.escalations.assign.mutationOptions(options("Assigned to you.")));
  const resolve = useMutation(trpc.escalations.resolve.mutationOptions(options("Resolved.")));
  const addNote = useMutation(trpc.escalations.addNote.mutationOptions(options("Note added.")));
  const pending = acknowledge.isPending || assign.isPending || resolve.isPending || addNote.isPending;
  const error = [acknowledge, assign, resolve].find((m) => m.error)?.error ?? (addNote.error && !fieldErrorsOf(addNote.error) ? addNote.error : null);
  const noteError = fieldErrorsOf(addNote.error)?.find((e) => e.path === "body")?.message;
  const resolved = event.status === "resolved";

  function submitNote(e: FormEvent) {
    e.preventDefault();
    addNote.mutate({ id: event.id, body: note }, { onSuccess: () => setNote("") });
  }

  return (
    <section className="event-actions" aria-label="Actions">
      {error ? <ErrorNotice error={error} title="Not done." /> : null}
      {done ? (
        <p className="notice notice-success" role="status" data-testid="event-action-result">
          {done}
        </p>
      ) : null}
      {resolved ? null : (
        <div className="form-actions">
          {event.status === "open" ? (
            <button type="button" className="button button-primary" disabled={pending} onClick={() => acknowledge.mutate({ id: event.id })}>
              Acknowledge
            </button>
          ) : null}
          {event.assignee?.id === meId ? null : (
            <button type="button" className="button" disabled={pending} onClick={() => assign.mutate({ id: event.id, assigneeId: meId })}>
              Assign to me
            </button>
          )}
          {confirming ? (
            <span className="inline-confirm" role="group" aria-label="Resolve this event?">
              <span>Resolve this event?</span>
              <button
                type="button"
                className="button button-danger button-small"
                disabled={pending}
                onClick={() => resolve.mutate({ id: event.id }, { onSettled: () => setConfirming(false) })}
              >
                Confirm
              </button>
              <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="button" disabled={pending} onClick={() => setConfirming(true)}>
              Resolve
            </button>
          )}
        </div>
      )}
      <form className="note-form" onSubmit={submitNote} noValidate>
        <div className={noteError ? "field field-invalid" : "field"}>
          <label htmlFor="event-note">Note</label>
          <textarea
            id="event-note"
            rows={3}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={Boolean(noteError)}
            aria-describedby={noteError ? "field-error-body" : "hint-note"}
          />
          <p id="hint-note" className="hint">
            Seen by clinicians as written; the audit log keeps a copy with personal data masked.
          </p>
          <FieldError name="body" error={noteError} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending || note.trim() === ""}>
            Add note
          </button>
        </div>
      </form>
    </section>
  );
}
