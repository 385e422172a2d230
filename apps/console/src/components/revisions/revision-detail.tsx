"use client";
// One revision: who published what and when, what changed since the revision before, and the
// rollback (after a confirm), which publishes this snapshot again as a new revision.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";
import { formatTime } from "../ui/format";
import { DiffView } from "./diff-view";
import { DownloadConfigButton } from "./download-config-button";

export function RevisionDetail({ number }: { number: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user, isAdmin } = useCurrentUser();
  const canDownload = isAdmin || user.roles.includes("operator");
  const detail = useQuery(trpc.config.revision.queryOptions({ number }));
  const status = useQuery(trpc.config.status.queryOptions());
  const rollback = useMutation(trpc.config.rollback.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  const [confirming, setConfirming] = useState(false);

  if (detail.error) return <ErrorNotice error={detail.error} title={`Could not load revision ${number}.`} />;
  if (!detail.data) return <p className="muted">Loading revision {number}…</p>;
  const { revision, previousNumber, counts, diff, problems } = detail.data;
  const isLive = status.data?.latest?.number === revision.number;
  const done = rollback.data;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            Revision #{revision.number} {isLive ? <span className="tag tag-live">live</span> : null}
          </h1>
          <p className="lead">{revision.message}</p>
          <p className="muted">
            {revision.author ? `${revision.author.name} (${revision.author.email})` : "system"} ·{" "}
            <time dateTime={revision.createdAt.toISOString()}>{formatTime(revision.createdAt)}</time> · {counts.services} services,{" "}
            {counts.routes} routes, {counts.rateLimitPolicies} rate-limit {counts.rateLimitPolicies === 1 ? "policy" : "policies"},{" "}
            {counts.authPolicies} auth {counts.authPolicies === 1 ? "policy" : "policies"}
            {revision.rolledBackFrom !== null ? (
              <>
                {" "}
                · <span data-testid="rolled-back-from">rolled back from {revision.rolledBackFrom}</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="head-controls">
          {canDownload ? <DownloadConfigButton revision={revision.number} label="Download YAML" /> : null}
          {isAdmin && !isLive && !done && !confirming ? (
            <button type="button" className="button" onClick={() => { rollback.reset(); setConfirming(true); }}>
              Roll back to this revision
            </button>
          ) : null}
        </div>
      </div>

      {confirming && !done ? (
        <div className="banner banner-warning" role="group" aria-label="Confirm rollback">
          <div className="banner-text">
            <strong>Roll back to revision {revision.number}?</strong> Its snapshot is published again as a new revision and the working
            configuration is made to match it; unpublished edits are discarded.
          </div>
          <div className="form-actions">
            <button type="button" className="button button-danger" disabled={rollback.isPending} onClick={() => rollback.mutate({ number: revision.number })}>
              {rollback.isPending ? "Rolling back…" : "Confirm"}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {rollback.error ? <ErrorNotice error={rollback.error} title="Not rolled back." /> : null}
      {done ? (
        <p className="notice notice-success" role="status" data-testid="rollback-result">
          Published revision {done.number}, rolled back from {done.rolledBackFrom}. <Link href={`/revisions/${done.number}`}>Open revision {done.number}</Link>
        </p>
      ) : null}

      <section className="section">
        <h2>{previousNumber === null ? "First revision: everything is new" : `Changes since revision #${previousNumber}`}</h2>
        {problems.length ? (
          <div className="notice notice-error" role="alert">
            This stored snapshot does not validate any more, so no diff is shown:
            <ul>
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : diff.length === 0 ? (
          <p className="empty" data-testid="diff-empty">
            Same configuration as revision #{previousNumber}.
          </p>
        ) : (
          <DiffView diff={diff} />
        )}
      </section>
    </>
  );
}
