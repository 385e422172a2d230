"use client";
// The rate-limit policies of the working configuration, with the routes that use each one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";
import { RouteNames, RowActions } from "./row-actions";

export function RateLimitTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useCurrentUser();
  const policies = useQuery(trpc.policies.rateLimit.list.queryOptions());
  const remove = useMutation(trpc.policies.rateLimit.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));

  if (policies.error) return <ErrorNotice error={policies.error} title="Could not load the rate-limit policies." />;
  if (!policies.data) return <p className="muted">Loading rate-limit policies…</p>;
  if (policies.data.length === 0) return <p className="empty">No rate-limit policies. Routes without one are not limited.</p>;

  return (
    <>
      {remove.error ? (
        <div data-testid="rate-limit-delete-error">
          <ErrorNotice error={remove.error} title="Not deleted." />
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table" aria-label="Rate-limit policies">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Limit</th>
              <th scope="col">Scope</th>
              <th scope="col">Fail mode</th>
              <th scope="col">IP lists</th>
              <th scope="col">Adaptive</th>
              <th scope="col">Used by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {policies.data.map((p) => (
              <tr key={p.id} data-testid={`rate-limit-row-${p.name}`}>
                <td className="strong">{p.name}</td>
                <td className="nowrap">
                  {p.limit} per {p.windowSeconds} s{p.burst ? <span className="muted">, burst {p.burst}</span> : null}
                </td>
                <td>{p.scope}</td>
                <td>{p.failMode}</td>
                <td>
                  {p.ipAllowList.length} allowed, {p.ipBlockList.length} blocked
                </td>
                <td>{p.adaptive.enabled ? `on, down to ×${p.adaptive.minFactor}` : <span className="muted">off</span>}</td>
                <td>
                  <RouteNames names={p.usedBy} />
                </td>
                <td className="actions">
                  <RowActions
                    subject={`rate-limit policy ${p.name}`}
                    href={`/policies/rate-limit/${p.id}`}
                    isAdmin={isAdmin}
                    deleting={remove.isPending}
                    onDelete={() => remove.mutateAsync({ id: p.id })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
