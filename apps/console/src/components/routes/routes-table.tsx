"use client";
// The routes of the working configuration, highest priority first (or as sorted), searched and
// filtered in the URL, a page at a time; rows a publish would change are marked. The per-row
// actions an admin has: enable/disable, edit, delete (after a confirm), purge a caching route's
// stored answers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TRouteRecord } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ChangedTag, CHANGED_OPTIONS, RemovedSinceLive, useLiveChanges } from "../ui/changed-tag";
import { ACTIONS_COLUMN, DataTable, type Column } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { QueryView } from "../ui/query-view";
import { RowActionButtons } from "../ui/row-actions";
import { applyTable, type TableSpec } from "../ui/table/table-state";
import { TablePager } from "../ui/table/table-pager";
import { TableFilter, TableToolbar } from "../ui/table/table-toolbar";
import { useTableState } from "../ui/table/use-table-state";
import { toastText, useToast } from "../ui/toast";
import { caches, cacheSummary } from "./cache-form-state";
import { compressionSummary } from "./compression-form-state";
import { AuthCell, KindCell, MatchCell, RateLimitCell, routeServices, SafetyCell, WebsocketCell } from "./route-cells";

const COLUMNS: Column[] = [
  { label: "Name", sort: "name" },
  { label: "Since live", hidden: true },
  { label: "Match → service", sort: "path" },
  { label: "Kind", sort: "kind" },
  { label: "Auth", sort: "auth" },
  { label: "Rate limit", sort: "rateLimit" },
  { label: "Cache", sort: "cache" },
  { label: "Compression", sort: "compression" },
  { label: "Safety", sort: "safety" },
  { label: "WebSocket", sort: "websocket" },
  { label: "Enabled", sort: "enabled" },
  { label: "Priority", className: "num", sort: "priority" },
  ACTIONS_COLUMN,
];

const FILTERS = ["enabled", "auth", "changed"] as const;

function spec(changed: ReadonlyMap<string, unknown>): TableSpec<TRouteRecord> {
  return {
    text: (r) => [r.name, r.path, r.host, r.rewrite, r.service, ...routeServices(r)],
    sorts: {
      name: (r) => r.name,
      path: (r) => r.path,
      kind: (r) => r.kind,
      auth: (r) => (r.auth === "public" ? "" : `${r.auth} ${r.authPolicy ?? ""}`),
      rateLimit: (r) => r.rateLimitPolicy,
      cache: (r) => (caches(r) ? r.cachePolicy!.ttlSeconds : null),
      compression: (r) => (r.compression?.enabled ? compressionSummary(r.compression) : null),
      safety: (r) => (r.safetyScan === "off" ? null : r.safetyScan),
      websocket: (r) => r.websocket,
      enabled: (r) => r.enabled,
      priority: (r) => r.priority,
    },
    filters: {
      enabled: (r, v) => r.enabled === (v === "yes"),
      auth: (r, v) => r.auth === v,
      changed: (r, v) => changed.has(r.name) === (v === "yes"),
    },
  };
}

export function RoutesTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { isAdmin } = useCurrentUser();
  const routes = useQuery(trpc.routes.list.queryOptions());
  const live = useLiveChanges("route");
  const table = useTableState({ sort: { key: "priority", dir: "desc" }, filters: FILTERS });
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
      {(rows) => {
        const view = applyTable(rows, table.state, spec(live.changed));
        return (
          <>
            {setEnabled.error ? <ErrorNotice error={setEnabled.error} title="Not changed." /> : null}
            {remove.error ? <ErrorNotice error={remove.error} title="Not deleted." /> : null}
            {purge.error ? <ErrorNotice error={purge.error} title="The cache was not purged." /> : null}
            {purged ? (
              <p className="notice notice-success" role="status" data-testid="cache-purge-result">
                Purged {purged.n === 1 ? "1 stored answer" : `${purged.n} stored answers`} of {purged.route}.
              </p>
            ) : null}
            <TableToolbar label="Routes" table={table} placeholder="Name, path, host or service">
              <TableFilter table={table} name="enabled" label="Enabled" options={[["yes", "Enabled"], ["no", "Disabled"]]} />
              <TableFilter table={table} name="auth" label="Auth" options={[["public", "Public"], ["authenticated", "Authenticated"], ["restricted", "Restricted"]]} />
              <TableFilter table={table} name="changed" label="Since live" options={CHANGED_OPTIONS} />
            </TableToolbar>
            <DataTable label="Routes" columns={COLUMNS} sorting={table}>
              <tbody>
                {view.rows.map((r) => (
                  <tr key={r.id} data-testid={`route-row-${r.name}`} data-changed={live.changed.get(r.name) ?? ""} className={r.enabled ? undefined : "row-disabled"}>
                    <td className="strong nowrap">{r.name}</td>
                    <td className="tags">
                      <ChangedTag change={live.changed.get(r.name)} />
                    </td>
                    <td>
                      <MatchCell route={r} />
                    </td>
                    <td data-testid={`route-kind-${r.name}`}>
                      <KindCell route={r} />
                    </td>
                    <td>
                      <AuthCell route={r} />
                    </td>
                    <td>
                      <RateLimitCell route={r} />
                    </td>
                    <td data-testid={`route-cache-${r.name}`}>{caches(r) ? cacheSummary(r.cachePolicy) : <span className="muted">off</span>}</td>
                    <td data-testid={`route-compression-${r.name}`}>{r.compression?.enabled ? compressionSummary(r.compression) : <span className="muted">off</span>}</td>
                    <td>
                      <SafetyCell route={r} />
                    </td>
                    <td>
                      <WebsocketCell route={r} />
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
                        onConfirm={() =>
                          remove.mutate(
                            { id: r.id },
                            {
                              onSuccess: () => {
                                setConfirming(null);
                                toast(toastText("route", r.name, "deleted"));
                              },
                            },
                          )
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {view.total === 0 ? <p className="empty">No routes match.</p> : null}
            <TablePager label="Routes" view={view} onPage={table.setPage} />
            <RemovedSinceLive names={live.removed} what="routes" />
          </>
        );
      }}
    </QueryView>
  );
}
