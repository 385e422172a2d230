"use client";
// The publish history, newest first (or as sorted), searched and paged on the server since it
// grows with every publish. Each number opens the revision and its diff; admins and operators can
// download each revision as a configuration file.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ACTIONS_COLUMN, DataTable, type Column } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { formatTime } from "../ui/format";
import { pageOf } from "../ui/table/table-state";
import { TablePager } from "../ui/table/table-pager";
import { TableToolbar } from "../ui/table/table-toolbar";
import { useTableState } from "../ui/table/use-table-state";
import { DownloadConfigButton } from "./download-config-button";

const COLUMNS: Column[] = [
  { label: "Revision", sort: "number" },
  { label: "Message", sort: "message" },
  { label: "Author", sort: "author" },
  { label: "Published", sort: "number" },
  { label: "Notes", hidden: true },
];
const SORTS = ["number", "message", "author"] as const;
type SortKey = (typeof SORTS)[number];

export function RevisionList() {
  const trpc = useTRPC();
  const table = useTableState({ sort: { key: "number", dir: "desc" } });
  const { search, sort, page, pageSize } = table.state;
  const key: SortKey = SORTS.find((s) => s === sort?.key) ?? "number";
  const input = { search, sort: key, dir: sort?.dir ?? "desc", offset: (page - 1) * pageSize, limit: pageSize };
  const revisions = useQuery(trpc.config.revisionPage.queryOptions(input, { placeholderData: keepPreviousData }));
  const data = revisions.data;
  const { user } = useCurrentUser();
  const canDownload = user.roles.includes("admin") || user.roles.includes("operator");

  return (
    <>
      <TableToolbar label="Revisions" table={table} placeholder="Message, author or number" />
      {revisions.error ? <ErrorNotice error={revisions.error} title="Could not load the revisions." /> : null}
      {!data ? (
        revisions.error ? null : <p className="muted">Loading revisions…</p>
      ) : data.total === 0 ? (
        <p className="empty">{search ? "No revisions match." : "Nothing has been published yet."}</p>
      ) : (
        <>
          <DataTable label="Revisions" columns={canDownload ? [...COLUMNS, ACTIONS_COLUMN] : COLUMNS} sorting={table}>
            <tbody>
              {data.items.map((r) => (
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
                    {r.number === data.live ? <span className="tag tag-live">live</span> : null}
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
          <TablePager label="Revisions" view={pageOf(data.total, page, pageSize)} onPage={table.setPage} />
        </>
      )}
    </>
  );
}
