"use client";
// The routes of the working configuration, highest priority first, with the per-row
// actions an admin has: enable/disable, edit, delete (after a confirm), purge a caching route's
// stored answers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ACTIONS_COLUMN, DataTable, type Column } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { QueryView } from "../ui/query-view";
import { RowActionButtons } from "../ui/row-actions";
import { caches, cacheSummary } from "./cache-form-state";

const COLUMNS: Column[] = ["Name", "Methods", "Host", "Path", "Rewrite → service", "Enabled", "Cache", { label: "Priority", className: "num" }, ACTIONS_COLUMN];

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
  const purge = useMutation(trpc.cache.purge.mutationOptions());
  const purged = purge.data && purge.variables?.by === "route" ? { route: purge.variables.route, n: purge.data.purged } : null;

  return (
    <QueryView query={routes} errorTitle="Could not load the routes." loading="Loading routes…" empty="No routes yet. Every request answers 404 until a route is published.">
      {(rows) => (
        <>
          {setEnabled.error ? <ErrorNotice error={setEnabled.error} title="Not changed." /> : null}
          {remove.error ? <ErrorNotice error={remove.error} title="Not deleted." /> : null}
          {purge.error ? <ErrorNotice error={purge.error} title="The cache was not purged." /> : null}
          {purged ? (
            <p className="notice notice-success" role="status" data-testid="cache-purge-result">
              Purged {purged.n === 1 ? "1 stored answer" : `${purged.n} stored answers`} of {purged.route}.
            </p>
          ) : null}
          <DataTable label="Routes" columns={COLUMNS}>
            <tbody>
              {rows.map((r) => (
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
                  <td data-testid={`route-cache-${r.name}`}>{caches(r) ? cacheSummary(r.cachePolicy) : <span className="muted">off</span>}</td>
                  <td className="num">{r.priority}</td>
                  <td className="actions">
                    {isAdmin && caches(r) ? (
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        aria-label={`Purge cache of ${r.name}`}
                        disabled={purge.isPending}
                        onClick={() => purge.mutate({ by: "route", route: r.name })}
                      >
                        Purge cache
                      </button>
                    ) : null}
                    <RowActionButtons
                      subject={r.name}
                      prompt={`Delete ${r.name}?`}
                      href={`/routes/${r.id}`}
                      isAdmin={isAdmin}
                      deleting={remove.isPending}
                      confirming={confirming === r.id}
                      onAsk={() => setConfirming(r.id)}
                      onCancel={() => setConfirming(null)}
                      onConfirm={() => remove.mutate({ id: r.id }, { onSuccess: () => setConfirming(null) })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </QueryView>
  );
}
