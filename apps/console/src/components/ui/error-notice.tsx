"use client";
// An API error as a person can act on it: the message, and the correlation id to quote.
import { TRPCClientError } from "@trpc/client";

export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const correlationId = error instanceof TRPCClientError ? (error.data as { correlationId?: string } | undefined)?.correlationId : undefined;
  return (
    <div className="notice notice-error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {message}
      {correlationId ? (
        <span className="correlation">
          {" "}
          Correlation id <code data-testid="error-correlation-id">{correlationId}</code>
        </span>
      ) : null}
    </div>
  );
}
