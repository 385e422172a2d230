"use client";
// The upstream services of the working configuration: environment, version, priority, strategy,
// static instances, and the routes that use each one; Edit/View and Delete (refused while a route
// uses the service: the refusal, naming the routes, shows above the table).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ACTIONS_COLUMN, DataTable } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { QueryView } from "../ui/query-view";
import { RowActions } from "../ui/row-actions";

const COLUMNS = ["Name", "Environment", "Version", "Priority", "Load balancing", "Static instances", "Used by", ACTIONS_COLUMN];

export function ServicesTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useCurrentUser();
  const services = useQuery(trpc.services.list.queryOptions());
  const remove = useMutation(trpc.services.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return (
    <QueryView query={services} errorTitle="Could not load the services." loading="Loading services…" empty="No services yet. Routes need a service to send traffic to.">
      {(rows) => (
        <>
          {remove.error ? (
            <div data-testid="service-delete-error">
              <ErrorNotice error={remove.error} title="Not deleted." />
            </div>
          ) : null}
          <DataTable label="Services" columns={COLUMNS}>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid={`service-row-${s.name}`}>
                  <td className="strong">{s.name}</td>
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
                    <RowActions subject={`service ${s.name}`} href={`/services/${s.id}`} isAdmin={isAdmin} deleting={remove.isPending} onDelete={() => remove.mutateAsync({ id: s.id })} />
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
