"use client";
// The auth policies of the working configuration: issuer, algorithms, where keys come from, and
// the routes that use each one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TAuthPolicyRecord } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";
import { RouteNames, RowActions } from "./row-actions";

function keySource(p: TAuthPolicyRecord): string {
  const sources = [p.jwksUrl ? "JWKS URL" : null, p.publicKeys.length ? `${p.publicKeys.length} public key${p.publicKeys.length === 1 ? "" : "s"}` : null, p.secretRef ? `secret in ${p.secretRef}` : null];
  return sources.filter(Boolean).join(", ") || "none";
}

export function AuthTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useCurrentUser();
  const policies = useQuery(trpc.policies.auth.list.queryOptions());
  const remove = useMutation(trpc.policies.auth.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));

  if (policies.error) return <ErrorNotice error={policies.error} title="Could not load the auth policies." />;
  if (!policies.data) return <p className="muted">Loading auth policies…</p>;
  if (policies.data.length === 0) return <p className="empty">No auth policies. Every route is public until one exists.</p>;

  return (
    <>
      {remove.error ? (
        <div data-testid="auth-policy-delete-error">
          <ErrorNotice error={remove.error} title="Not deleted." />
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table" aria-label="Auth policies">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Issuer</th>
              <th scope="col">Algorithms</th>
              <th scope="col">Keys</th>
              <th scope="col">Audiences</th>
              <th scope="col">Used by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {policies.data.map((p) => (
              <tr key={p.id} data-testid={`auth-policy-row-${p.name}`}>
                <td className="strong">{p.name}</td>
                <td>
                  <code>{p.issuer}</code>
                </td>
                <td>{p.algorithms.join(", ")}</td>
                <td>{keySource(p)}</td>
                <td>{p.audiences.length ? p.audiences.join(", ") : <span className="muted">any</span>}</td>
                <td>
                  <RouteNames names={p.usedBy} />
                </td>
                <td className="actions">
                  <RowActions
                    subject={`auth policy ${p.name}`}
                    href={`/policies/auth/${p.id}`}
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
