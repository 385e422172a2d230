"use client";
// The routes of the working configuration, highest priority first, with the per-row
// actions an admin has: enable/disable, edit, delete (after a confirm).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";

export function RoutesTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useCurrentUser();
  const routes = useQuery(trpc.routes.list.queryOptions());
  const [confirming, setConfirming] = useState<string | null>(null);
  // The switch follows the click at once; the server's answer then replaces it (or reverts it).
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const setEnabled = useMutation(
    trpc.routes.setEnabled.mutationOptions({
      // Put the saved row in place at once, so the switch does not flick back while the list reloads.
      onSuccess: (saved) => queryClient.setQueryData(trpc.routes.list.queryKey(), (rows) => rows?.map((r) => (r.id === saved.id ? saved : r))),
      onSettled: (_data, _error, vars) => {
        setToggled(({ [vars.id]: _done, ...rest }) => rest);
        return queryClient.invalidateQueries();
      },
    }),
  );
  const remove = useMutation(trpc.routes.delete.mutationOptions({ onSettled: () => queryClient.invalidateQueries() }));

  if (routes.error) return <ErrorNotice error={routes.error} title="Could not load the routes." />;
  if (!routes.data) return <p className="muted">Loading routes…</p>;
  if (routes.data.length === 0) return <p className="empty">No routes yet. Every request answers 404 until a route is published.</p>;

  return (
    <>
      {setEnabled.error ? <ErrorNotice error={setEnabled.error} title="Not changed." /> : null}
      {remove.error ? <ErrorNotice error={remove.error} title="Not deleted." /> : null}
      <div className="table-wrap">
        <table className="table" aria-label="Routes">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Methods</th>
              <th scope="col">Host</th>
              <th scope="col">Path</th>
              <th scope="col">Rewrite → service</th>
              <th scope="col">Enabled</th>
              <th scope="col" className="num">Priority</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {routes.data.map((r) => (
              <tr key={r.id} data-testid={`route-row-${r.name}`} className={r.enabled ? undefined : "row-disabled"}>
                <td className="strong">{r.name}</td>
                <td>{r.methods.length ? r.methods.join(", ") : <span className="muted">all</span>}</td>
                <td>{r.host ?? <span className="muted">any</span>}</td>
                <td>
                  <code>{r.path}</code>
                </td>
                <td>
                  <code>{r.rewrite ?? r.path}</code> <span aria-hidden="true">→</span>
                  <span className="visually-hidden"> to </span> <span className="service-tag">{r.service}</span>
                </td>
                <td>
                  <input
                    type="checkbox"
                    role="switch"
                    aria-label={`Enabled ${r.name}`}
                    checked={toggled[r.id] ?? r.enabled}
                    disabled={!isAdmin || r.id in toggled}
                    onChange={(e) => {
                      setToggled((t) => ({ ...t, [r.id]: e.target.checked }));
                      setEnabled.mutate({ id: r.id, enabled: e.target.checked });
                    }}
                  />
                </td>
                <td className="num">{r.priority}</td>
                <td className="actions">
                  {confirming === r.id ? (
                    <span className="inline-confirm" role="group" aria-label={`Delete ${r.name}?`}>
                      <span>Delete {r.name}?</span>
                      <button
                        type="button"
                        className="button button-danger button-small"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate({ id: r.id }, { onSuccess: () => setConfirming(null) })}
                      >
                        Confirm
                      </button>
                      <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <>
                      <Link href={`/routes/${r.id}`} className="button button-quiet button-small" aria-label={`${isAdmin ? "Edit" : "View"} ${r.name}`}>
                        {isAdmin ? "Edit" : "View"}
                      </Link>
                      {isAdmin ? (
                        <button type="button" className="button button-quiet button-small" aria-label={`Delete ${r.name}`} onClick={() => setConfirming(r.id)}>
                          Delete
                        </button>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
