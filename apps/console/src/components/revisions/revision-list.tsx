"use client";
// The publish history, newest first. Each number opens the revision and its diff; admins and
// operators can download each revision as a configuration file.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ACTIONS_COLUMN, DataTable } from "../ui/data-table";
import { formatTime } from "../ui/format";
import { QueryView } from "../ui/query-view";
import { DownloadConfigButton } from "./download-config-button";

export function RevisionList() {
  const trpc = useTRPC();
  const revisions = useQuery(trpc.config.revisions.queryOptions());
  const { user } = useCurrentUser();
  const canDownload = user.roles.includes("admin") || user.roles.includes("operator");
  return (
    <QueryView query={revisions} errorTitle="Could not load the revisions." loading="Loading revisions…" empty="Nothing has been published yet.">
      {(rows) => (
        <DataTable label="Revisions" columns={["Revision", "Message", "Author", "Published", { label: "Notes", hidden: true }, ...(canDownload ? [ACTIONS_COLUMN] : [])]}>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`revision-row-${r.number}`}>
                <td className="strong">
                  <Link href={`/revisions/${r.number}`}>#{r.number}</Link>
                </td>
                <td>{r.message}</td>
                <td>{r.author ? r.author.name : <span className="muted">system</span>}</td>
                <td>
                  <time dateTime={r.createdAt.toISOString()}>{formatTime(r.createdAt)}</time>
                </td>
                <td className="tags">
                  {r.number === rows[0]?.number ? <span className="tag tag-live">live</span> : null}
                  {r.rolledBackFrom !== null ? (
                    <span className="tag" data-testid="rolled-back-from">
                      rolled back from {r.rolledBackFrom}
                    </span>
                  ) : null}
                </td>
                {canDownload ? (
                  <td className="actions">
                    <DownloadConfigButton revision={r.number} label="YAML" small />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </QueryView>
  );
}
