"use client";
// The rate-limit policies of the working configuration, with the routes that use each one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { PolicyTable } from "./policy-table";

export function RateLimitTable() {
  const api = useTRPC().policies.rateLimit;
  const queryClient = useQueryClient();
  const policies = useQuery(api.list.queryOptions());
  const remove = useMutation(api.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return (
    <PolicyTable
      policies={policies}
      remove={remove}
      what="rate-limit policy"
      plural="rate-limit policies"
      empty="No rate-limit policies. Routes without one are not limited."
      testId="rate-limit"
      tableId="rl"
      kind="rateLimitPolicy"
      href="/policies/rate-limit"
      columns={[{ label: "Limit", sort: "limit" }, { label: "Scope", sort: "scope" }, { label: "Fail mode", sort: "failMode" }, "IP lists", "Adaptive"]}
      sorts={{ limit: (p) => p.limit / p.windowSeconds, scope: (p) => p.scope, failMode: (p) => p.failMode }}
      text={(p) => [p.scope]}
      cells={(p) => (
        <>
          <td className="nowrap">
            {p.limit} per {p.windowSeconds} s{p.burst ? <span className="muted">, burst {p.burst}</span> : null}
          </td>
          <td>{p.scope}</td>
          <td>{p.failMode}</td>
          <td>
            {p.ipAllowList.length} allowed, {p.ipBlockList.length} blocked
          </td>
          <td>{p.adaptive.enabled ? `on, down to ×${p.adaptive.minFactor}` : <span className="muted">off</span>}</td>
        </>
      )}
    />
  );
}
