"use client";
// The publish history, newest first. Each number opens the revision and its diff.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { ErrorNotice } from "../ui/error-notice";
import { formatTime } from "../ui/format";

export function RevisionList() {
  const trpc = useTRPC();
  const revisions = useQuery(trpc.config.revisions.queryOptions());
  if (revisions.error) return <ErrorNotice error={revisions.error} title="Could not load the revisions." />;
  if (!revisions.data) return <p className="muted">Loading revisions…</p>;
  if (revisions.data.length === 0) return <p className="empty">Nothing has been published yet.</p>;
  const newest = revisions.data[0]?.number;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Revisions">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Message</th>
            <th scope="col">Author</th>
            <th scope="col">Published</th>
            <th scope="col">
              <span className="visually-hidden">Notes</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {revisions.data.map((r) => (
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
                {r.number === newest ? <span className="tag tag-live">live</span> : null}
                {r.rolledBackFrom !== null ? (
                  <span className="tag" data-testid="rolled-back-from">
                    rolled back from {r.rolledBackFrom}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
