"use client";
// The upstream services of the working configuration: environment, version, priority, strategy,
// static instances, and the routes that use each one; searched, filtered, sorted and paged in the
// URL; rows a publish would change are marked. Edit/View and Delete (refused while a route uses the
// service: the refusal, naming the routes, shows above the table).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TServiceRecord } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ChangedTag, CHANGED_OPTIONS, RemovedSinceLive, useLiveChanges } from "../ui/changed-tag";
import { ACTIONS_COLUMN, DataTable, type Column } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { QueryView } from "../ui/query-view";
import { RowActions } from "../ui/row-actions";
import { applyTable, type TableSpec } from "../ui/table/table-state";
import { TablePager } from "../ui/table/table-pager";
import { TableFilter, TableToolbar } from "../ui/table/table-toolbar";
import { useTableState } from "../ui/table/use-table-state";
import { toastText, useToast } from "../ui/toast";

const COLUMNS: Column[] = [
  { label: "Name", sort: "name" },
  { label: "Since live", hidden: true },
  { label: "Environment", sort: "environment" },
  { label: "Version", sort: "version" },
  { label: "Priority", sort: "priority" },
  { label: "Load balancing", sort: "loadBalancing" },
  { label: "Static instances", sort: "instances" },
  { label: "Used by", sort: "usedBy" },
  ACTIONS_COLUMN,
];

const FILTERS = ["environment", "priority", "changed"] as const;
const PRIORITY_RANK = { standard: 0, therapeutic: 1, crisis: 2 } as const;

function spec(changed: ReadonlyMap<string, unknown>): TableSpec<TServiceRecord> {
  return {
    text: (s) => [s.name, s.environment, s.version, ...s.instances.map((i) => i.url), ...s.usedBy],
    sorts: {
      name: (s) => s.name,
      environment: (s) => s.environment,
      version: (s) => s.version,
      priority: (s) => PRIORITY_RANK[s.therapeuticPriority],
      loadBalancing: (s) => s.loadBalancing,
      instances: (s) => s.instances.length,
      usedBy: (s) => s.usedBy.length,
    },
    filters: {
      environment: (s, v) => s.environment === v,
      priority: (s, v) => s.therapeuticPriority === v,
      changed: (s, v) => changed.has(s.name) === (v === "yes"),
    },
  };
}

export function ServicesTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { isAdmin } = useCurrentUser();
  const services = useQuery(trpc.services.list.queryOptions());
  const live = useLiveChanges("service");
  const table = useTableState({ sort: { key: "name", dir: "asc" }, filters: FILTERS });
  const remove = useMutation(trpc.services.delete.mutationOptions({ onSettled: () => queryClient.invalidateQueries() }));
  return (
    <QueryView query={services} errorTitle="Could not load the services." loading="Loading services…" empty="No services yet. Routes need a service to send traffic to.">
      {(rows) => {
        const view = applyTable(rows, table.state, spec(live.changed));
        return (
          <>
            {remove.error ? (
              <div data-testid="service-delete-error">
                <ErrorNotice error={remove.error} title="Not deleted." />
              </div>
            ) : null}
            <TableToolbar label="Services" table={table} placeholder="Name, version, instance URL or route">
              <TableFilter table={table} name="environment" label="Environment" options={[["dev", "dev"], ["prototype", "prototype"], ["prod", "prod"]]} />
              <TableFilter table={table} name="priority" label="Priority" options={[["standard", "standard"], ["therapeutic", "therapeutic"], ["crisis", "crisis"]]} />
              <TableFilter table={table} name="changed" label="Since live" options={CHANGED_OPTIONS} />
            </TableToolbar>
            <DataTable label="Services" columns={COLUMNS} sorting={table}>
              <tbody>
                {view.rows.map((s) => (
                  <tr key={s.id} data-testid={`service-row-${s.name}`} data-changed={live.changed.get(s.name) ?? ""}>
                    <td className="strong">{s.name}</td>
                    <td className="tags">
                      <ChangedTag change={live.changed.get(s.name)} />
                    </td>
                    <td>
                      <span className={`env env-${s.environment}`}>{s.environment}</span>
                    </td>
                    <td>{s.version}</td>
                    <td>{s.therapeuticPriority}</td>
                    <td>{s.loadBalancing.replaceAll("_", " ")}</td>
                    <td>
                      <ul className="plain-list">
                        {s.instances.map((i) => (
                          <li key={i.url}>
                            <code>{i.url}</code>
                            {i.weight !== 1 ? <span className="muted"> ×{i.weight}</span> : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{s.usedBy.length ? s.usedBy.join(", ") : <span className="muted">no route</span>}</td>
                    <td className="actions">
                      <RowActions
                        subject={`service ${s.name}`}
                        href={`/services/${s.id}`}
                        isAdmin={isAdmin}
                        deleting={remove.isPending}
                        onDelete={() => remove.mutateAsync({ id: s.id }).then(() => toast(toastText("service", s.name, "deleted")))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {view.total === 0 ? <p className="empty">No services match.</p> : null}
            <TablePager label="Services" view={view} onPage={table.setPage} />
            <RemovedSinceLive names={live.removed} what="services" />
          </>
        );
      }}
    </QueryView>
  );
}
