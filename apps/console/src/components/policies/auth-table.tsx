"use client";
// The auth policies of the working configuration: issuer, algorithms, where keys come from, and
// the routes that use each one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TAuthPolicyRecord } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { PolicyTable } from "./policy-table";

function keySource(p: TAuthPolicyRecord): string {
  const sources = [p.jwksUrl ? "JWKS URL" : null, p.publicKeys.length ? `${p.publicKeys.length} public key${p.publicKeys.length === 1 ? "" : "s"}` : null, p.secretRef ? `secret in ${p.secretRef}` : null];
  return sources.filter(Boolean).join(", ") || "none";
}

export function AuthTable() {
  const api = useTRPC().policies.auth;
  const queryClient = useQueryClient();
  const policies = useQuery(api.list.queryOptions());
  const remove = useMutation(api.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return (
    <PolicyTable
      policies={policies}
      remove={remove}
      what="auth policy"
      plural="auth policies"
      empty="No auth policies. Every route is public until one exists."
      testId="auth-policy"
      tableId="auth"
      kind="authPolicy"
      href="/policies/auth"
      columns={[{ label: "Issuer", sort: "issuer" }, "Algorithms", "Keys", "Audiences"]}
      sorts={{ issuer: (p) => p.issuer }}
      text={(p) => [p.issuer, ...p.audiences]}
      cells={(p) => (
        <>
          <td>
            <code>{p.issuer}</code>
          </td>
          <td>{p.algorithms.join(", ")}</td>
          <td>{keySource(p)}</td>
          <td>{p.audiences.length ? p.audiences.join(", ") : <span className="muted">any</span>}</td>
        </>
      )}
    />
  );
}
