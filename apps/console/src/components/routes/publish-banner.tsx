"use client";
// Whether the working configuration differs from what is live, and the publish step: a message,
// then "Confirm publish". The published revision number stays on screen afterwards.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { FieldError } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";
import { FieldError as FieldErrorText } from "./field";

export function PublishBanner() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useCurrentUser();
  const status = useQuery(trpc.config.status.queryOptions());
  const publish = useMutation(trpc.config.publish.mutationOptions());
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const [published, setPublished] = useState<number | null>(null);
  // The message the last attempt sent: its error stays only until the message is changed.
  const [sent, setSent] = useState<string | null>(null);

  const fieldErrors = publish.error instanceof TRPCClientError ? ((publish.error.data as { fieldErrors?: FieldError[] | null } | undefined)?.fieldErrors ?? null) : null;
  const messageError = sent === message ? fieldErrors?.find((e) => e.path === "message")?.message : undefined;
  const configErrors = fieldErrors?.filter((e) => e.path !== "message") ?? [];

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setSent(message);
    const revision = await publish.mutateAsync({ message }).catch(() => null);
    if (!revision) return;
    setPublished(revision.number);
    setOpen(false);
    setMessage("");
    await queryClient.invalidateQueries();
  }

  if (status.error) return <ErrorNotice error={status.error} title="Could not read the publish status." />;
  const s = status.data;

  return (
    <div className="publish-area">
      {published !== null ? (
        <p className="notice notice-success" role="status" data-testid="published-revision">
          Published revision {published}. Gateways pick it up within a second.{" "}
          <Link href={`/revisions/${published}`}>See what changed</Link>
        </p>
      ) : null}
      {s && s.unpublishedChanges ? (
        <div className="banner banner-warning" data-testid="unpublished-banner">
          <div className="banner-text">
            <strong>Unpublished changes.</strong>{" "}
            {s.latest ? `The working configuration differs from revision ${s.latest.number}, which is live.` : "Nothing has been published yet."}
            {s.problems.length ? (
              <ul className="problems" data-testid="publish-problems">
                {s.problems.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    <code>{p.path}</code>: {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          {isAdmin && !open ? (
            <button type="button" className="button button-primary" onClick={() => { publish.reset(); setOpen(true); }}>
              Publish
            </button>
          ) : null}
        </div>
      ) : s ? (
        <p className="live-line muted" data-testid="live-revision">
          {s.latest ? `Live: revision ${s.latest.number}. No unpublished changes.` : "Nothing published yet."}
        </p>
      ) : null}
      {open ? (
        <form className="publish-form" onSubmit={confirm} noValidate>
          <div className={messageError ? "field field-invalid" : "field"}>
            <label htmlFor="publish-message">Message</label>
            <input
              id="publish-message"
              name="message"
              type="text"
              autoFocus
              placeholder="What does this change do, and why?"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              aria-invalid={Boolean(messageError)}
              aria-describedby={messageError ? "field-error-message" : undefined}
            />
            <FieldErrorText name="message" error={messageError} />
          </div>
          {configErrors.length ? (
            <div className="notice notice-error" role="alert" data-testid="publish-errors">
              Nothing was published; the configuration is not valid:
              <ul>
                {configErrors.map((e) => (
                  <li key={`${e.path}:${e.message}`}>
                    <code>{e.path}</code>: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : publish.error && !fieldErrors?.some((e) => e.path === "message") ? (
            <ErrorNotice error={publish.error} title="Not published." />
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={publish.isPending}>
              {publish.isPending ? "Publishing…" : "Confirm publish"}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
